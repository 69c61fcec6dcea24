// Moved to electron/context.ts (below api/, so import/, refi/ and files/ need not reach up); kept so api/ imports stay short.
export * from '../context';
