import { createContext, closeContext } from './dist/node/cli.mjs';
