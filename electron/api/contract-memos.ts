// Contract methods for memos beyond create/read/update/delete (citations,
// versions, export). Merged into `contract` in contract.ts.
import { z } from 'zod';

export const memoContract = {} as const;
