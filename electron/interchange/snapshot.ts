// Moved to electron/refi/snapshot.ts; kept until the test helpers in ./testing/ move to test/.
export type * from '../refi/snapshot';
