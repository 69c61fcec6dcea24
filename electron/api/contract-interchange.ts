// Contract methods for export and interchange (excerpts, codebooks, REFI-QDA
// projects, backups). Merged into `contract` in contract.ts.
import { z } from 'zod';

export const interchangeContract = {} as const;
