// The import worker: parses files off the main thread. One message in (bytes,
// name, options), one message out (parsed articles with their fingerprints, or
// an error the user can read). Never touches the store.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { countWordsOf } from './word-count';
import { parseFile, type ParseOptions, type ParsedFileArticle } from './parse-file';
import { minhashSignature } from './similarity';
import { ImportError } from './types';

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  options: ParseOptions;
}

export interface WorkerArticle extends ParsedFileArticle {
  sha256: string;
  wordCount: number;
  minhash: Uint32Array;
}

export type WorkerResponse =
  | { id: number; ok: true; articles: WorkerArticle[]; problems: { row: number; message: string }[] }
  | { id: number; ok: false; code: string; message: string };

export async function handle(req: WorkerRequest): Promise<WorkerResponse> {
  try {
    const parsed = await parseFile(req.bytes, req.fileName, req.options);
    const articles = parsed.articles.map((a) => ({
      ...a,
      sha256: createHash('sha256').update(a.body, 'utf8').digest('hex'),
      wordCount: countWordsOf(a.body),
      minhash: minhashSignature(a.body),
    }));
    return { id: req.id, ok: true, articles, problems: parsed.problems };
  } catch (err) {
    if (err instanceof ImportError) return { id: req.id, ok: false, code: err.code, message: err.message };
    return { id: req.id, ok: false, code: 'corrupt', message: `${req.fileName}: could not be read (${err instanceof Error ? err.message : String(err)})` };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: WorkerRequest) => {
    void handle(req).then((res) => port.postMessage(res));
  });
}
