import type { HandlerGroup } from './types';
import type { memoContract } from '../contract-memos';

export const memoExtraHandlers: HandlerGroup<keyof typeof memoContract> = {};
