// Renders memo Markdown to (unsanitised) HTML off the main thread, so typing and
// "@" completion stay responsive in long memos. The main thread sanitises what comes
// back (DOMPurify needs the page's DOM) before anything reaches the preview.
import { renderMemoHtml } from '../../core/memo/render';
import type { CitedPassage, ThemeRef } from '../../core/memo/resolve';
import { keyedBlocks } from '../../core/memo/blocks';
import type { PreviewWorkerRequest, PreviewWorkerResponse } from './preview';

const passages = new Map<string, CitedPassage>();
const themes = new Map<string, ThemeRef>();

self.onmessage = (e: MessageEvent<PreviewWorkerRequest>) => {
  const msg = e.data;
  if (msg.type === 'data') {
    passages.clear();
    for (const p of msg.passages) passages.set(p.uid.toLowerCase(), p);
    themes.clear();
    for (const t of msg.themes) themes.set(t.uid.toLowerCase(), t);
    return;
  }
  const html = renderMemoHtml(msg.markdown, (uid) => passages.get(uid.toLowerCase()), { themes: (uid) => themes.get(uid.toLowerCase()) }).html;
  // Splitting and keying are string work too: done here, the page only sanitises new blocks.
  const reply: PreviewWorkerResponse = { id: msg.id, blocks: keyedBlocks(html) };
  (self as unknown as Worker).postMessage(reply);
};
