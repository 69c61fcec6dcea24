import { articleHandlers } from './articles';
import { highlightHandlers, themeHandlers } from './codebook';
import { importHandlers } from './imports';
import { interchangeHandlers } from './interchange';
import { memoHandlers } from './memos';
import { memoExtraHandlers } from './memos-extra';
import { sampleHandlers } from './sample';
import { storeHandlers } from './store';
import type { Handlers } from './types';

export const handlers: Handlers = {
  ...articleHandlers,
  ...importHandlers,
  ...themeHandlers,
  ...highlightHandlers,
  ...memoHandlers,
  ...storeHandlers,
  ...sampleHandlers,
  ...memoExtraHandlers,
  ...interchangeHandlers,
};
