import type { HandlerGroup } from './types';
import type { interchangeContract } from '../contract-interchange';

export const interchangeHandlers: HandlerGroup<keyof typeof interchangeContract> = {};
