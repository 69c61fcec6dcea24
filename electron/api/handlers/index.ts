import { articleHandlers } from './articles';
import { highlightHandlers, themeHandlers } from './codebook';
import { importHandlers, previewHandlers } from './imports';
import { interchangeHandlers } from './interchange';
import { memoHandlers } from './memos';
import { memoExtraHandlers } from './memos-extra';
import { sampleHandlers } from './sample';
import { storeHandlers } from './store';
import type { Handlers } from './types';

export const handlers: Handlers = {
  ...articleHandlers,
  ...importHandlers,
  ...previewHandlers,
  ...themeHandlers,
  ...highlightHandlers,
  ...memoHandlers,
  ...storeHandlers,
  ...sampleHandlers,
  ...memoExtraHandlers,
  ...interchangeHandlers,
};
