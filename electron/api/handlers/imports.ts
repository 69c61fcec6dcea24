import { Buffer } from 'node:buffer';
import { countWords, sha256 } from '../../../db/util';
import { applyCuts } from '../../import/clutter';
import { minhashSignature } from '../../import/similarity';
import type { ImportSummary, PreviewItem } from '../contract';
import { changed, type Context } from '../context';
import { expandPaths, type ImportItem, type ImportOptions } from '../../import/service';
import { ImportError } from '../../import/types';
import { importInterchangeItems, splitInterchangeItems, withOutcomes } from '../../refi/import-service';
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
  'articles.importFiles': async (ctx, i) => {
    // REFI-QDA projects and codebooks (.qdpx, .qdc) go to the interchange importer.
    const { interchange, rest } = splitInterchangeItems(i.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.data, 'base64') })));
    const outcomes = await importInterchangeItems(ctx, interchange);
    return withOutcomes(await runBatch(ctx, rest, { clean: i.clean, maxBytes: i.maxBytes }), outcomes);
  },
  'articles.importPaths': async (ctx, i) => {
    const { items, skipped } = await expandPaths(i.paths);
    const { interchange, rest } = splitInterchangeItems(items);
    const outcomes = await importInterchangeItems(ctx, interchange);
    return withOutcomes(await runBatch(ctx, rest, { clean: i.clean, maxBytes: i.maxBytes }, skipped), outcomes);
  },
  'imports.cancel': (ctx) => {
    const running = !!ctx.importAbort;
    ctx.importAbort?.abort();
    return { cancelled: running };
  },
};

export const previewHandlers: HandlerGroup<'imports.preview' | 'imports.commit'> = {
  'imports.preview': async (ctx, i) => {
    const items: PreviewItem[] = [];
    for (const f of i.files) {
      const bytes = Buffer.from(f.data, 'base64');
      const r = await ctx.importer.preview(f.name, bytes, { maxBytes: i.maxBytes });
      if (!r.ok) {
        items.push({ previewId: null, file: f.name, ok: false, message: r.message, articles: [], problems: [] });
        continue;
      }
      const previewId = ctx.importer.previews.put(f.name, bytes, r);
      items.push({
        previewId,
        file: f.name,
        ok: true,
        problems: r.problems,
        articles: r.articles.map((a, index) => ({
          index,
          body: a.body,
          metadata: a.metadata,
          cuts: a.cuts,
          warnings: a.warnings,
          format: a.format,
          rowLabel: a.rowLabel,
          duplicateOf: r.notes[index].duplicateOf,
          similarTo: r.notes[index].similarTo,
        })),
      });
    }
    return { items };
  },
  'imports.commit': async (ctx, i) => {
    const results: ImportSummary['results'] = [];
    for (const item of i.items) {
      const entry = ctx.importer.previews.take(item.previewId);
      if (!entry) {
        results.push({ file: '(preview)', status: 'skipped', message: 'This preview expired or was already imported; import the file again.' });
        continue;
      }
      const reviewed = item.articles.flatMap((choice) => {
        const a = entry.result.articles[choice.index];
        if (!a) return [];
        const cuts = choice.acceptedCuts.map((n) => a.cuts[n]).filter((c) => c !== undefined);
        const body = cuts.length ? applyCuts(a.body, cuts) : a.body;
        const metadata = { ...a.metadata, ...Object.fromEntries(Object.entries(choice.metadata ?? {}).filter(([, v]) => v !== undefined)) };
        return [{ ...a, body, metadata, cuts: [], sha256: sha256(body), wordCount: countWords(body), minhash: cuts.length ? minhashSignature(body) : a.minhash }];
      });
      if (reviewed.length === 0) {
        results.push({ file: entry.file, status: 'skipped', message: `${entry.file}: nothing selected to import` });
        continue;
      }
      results.push(await ctx.importer.commitReviewed(entry.file, entry.bytes, reviewed, entry.result.problems));
    }
    changed(ctx, 'articles');
    const count = (s: string) => results.filter((r) => r.status === s).length;
    return { imported: count('imported'), updated: count('updated'), duplicates: count('duplicate'), skipped: count('skipped'), cancelled: false, results };
  },
};
