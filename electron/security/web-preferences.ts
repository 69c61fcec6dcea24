// The one BrowserWindow's webPreferences. Every switch is spelled out, even
// where it is Electron's default, so that a changed default or a careless edit
// shows up as a failing test rather than as a quietly weaker window.

export interface QuarryWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
  devTools: boolean;
}

export function windowWebPreferences(o: { preload: string; dev: boolean }): QuarryWebPreferences {
  return {
    preload: o.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // A file dropped on the window is an import (App.tsx), never a page to open.
    navigateOnDragDrop: false,
    // A page that loops on alert() cannot lock the user out.
    safeDialogs: true,
    // Off: the memo editor (Monaco) never uses the native spellchecker, and on
    // Linux Chromium would fetch Hunspell dictionaries from Google's servers,
    // a network call an offline workbench must not make on its own.
    spellcheck: false,
    // A packaged Quarry has no DevTools: they would let anyone at the keyboard
    // run code next to the bridge.
    devTools: o.dev,
  };
}
