// Moved to electron/refi/zip-write.ts; kept until the test helpers in ./testing/ move to test/.
export * from '../refi/zip-write';
