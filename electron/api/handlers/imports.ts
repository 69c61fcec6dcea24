import { Buffer } from 'node:buffer';
import type { ImportSummary } from '../contract';
import { changed, type Context } from '../context';
import { expandPaths, type ImportItem, type ImportOptions } from '../../import/service';
import { ImportError } from '../../import/types';
import type { HandlerGroup } from './types';

async function runBatch(ctx: Context, items: ImportItem[], o: ImportOptions, preSkipped: ImportSummary['results'] = []): Promise<ImportSummary> {
  ctx.importAbort?.abort();
  const abort = new AbortController();
  ctx.importAbort = abort;
  try {
    const summary = await ctx.importer.importItems(items, {
      ...o,
      signal: abort.signal,
      onProgress: (p) => ctx.events.emit('import.progress', p),
    });
    summary.results.push(...preSkipped);
    summary.skipped += preSkipped.length;
    return summary;
  } finally {
    if (ctx.importAbort === abort) ctx.importAbort = undefined;
    changed(ctx, 'articles');
  }
}

export const importHandlers: HandlerGroup<'articles.importText' | 'articles.importFiles' | 'articles.importPaths' | 'imports.cancel'> = {
  'articles.importText': async (ctx, i) => {
    const name = i.fileName?.trim() || (i.format === 'paste' || !i.format ? 'Pasted text' : `text.${i.format}`);
    const summary = await ctx.importer.importItems([{ name, bytes: Buffer.from(i.text, 'utf8') }], {
      clean: i.clean,
      maxBytes: i.maxBytes,
      format: i.format ?? 'paste',
      overrides: { title: i.title, source: i.source, author: i.author, url: i.url, publishedAt: i.publishedAt },
    });
    changed(ctx, 'articles');
    const r = summary.results[0];
    if (r.status === 'skipped') throw new ImportError(name, 'no-text', r.message ?? 'could not be imported');
    return r;
  },
  'articles.importFiles': (ctx, i) =>
    runBatch(
      ctx,
      i.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.data, 'base64') })),
      { clean: i.clean, maxBytes: i.maxBytes },
    ),
  'articles.importPaths': async (ctx, i) => {
    const { items, skipped } = await expandPaths(i.paths);
    return runBatch(ctx, items, { clean: i.clean, maxBytes: i.maxBytes }, skipped);
  },
  'imports.cancel': (ctx) => {
    const running = !!ctx.importAbort;
    ctx.importAbort?.abort();
    return { cancelled: running };
  },
};
