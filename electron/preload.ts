// The only bridge between the page and the main process: two named functions
// (see security/bridge.ts). The page never sees ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './security/bridge';

contextBridge.exposeInMainWorld('quarry', createBridge(ipcRenderer));
