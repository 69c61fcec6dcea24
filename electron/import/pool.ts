// A small pool of import workers. Each file is parsed in a worker thread with a
// time limit; a worker that overruns is terminated and replaced, and its file
// is reported as skipped. The main thread only reads files and writes the store.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseOptions } from './parse-file';
import type { WorkerRequest, WorkerResponse } from './worker';

export const PARSE_TIME_LIMIT_MS = 120_000;

function workerPath(): string {
  // Bundled app: the worker sits next to this code in dist/node. Source (tests):
  // use the bundle that test setup and `npm run build` produce.
  const candidates = [new URL('./import-worker.mjs', import.meta.url), new URL('../../dist/node/import-worker.mjs', import.meta.url)];
  for (const c of candidates) if (c.protocol === 'file:' && existsSync(fileURLToPath(c))) return fileURLToPath(c);
  throw new Error('The import worker bundle is missing (dist/node/import-worker.mjs). Run "npm run build".');
}

interface Slot {
  worker: Worker;
  busy: boolean;
}
interface Job {
  req: WorkerRequest;
  resolve: (r: WorkerResponse) => void;
  timer?: NodeJS.Timeout;
  slot?: Slot;
}

export class ImportPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private pending = new Map<number, Job>();
  private nextId = 1;
  private closed = false;

  constructor(readonly size = Math.max(1, Math.min(4, availableParallelism() - 1)), private readonly timeLimitMs = PARSE_TIME_LIMIT_MS) {}

  parse(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<WorkerResponse> {
    if (this.closed) throw new Error('The import pool is closed.');
    return new Promise((resolve) => {
      const job: Job = { req: { id: this.nextId++, bytes, fileName, options }, resolve };
      this.queue.push(job);
      this.pump();
    });
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(workerPath()), busy: false };
    slot.worker.on('message', (res: WorkerResponse) => this.finish(res.id, res));
    slot.worker.on('error', (err) => this.failSlot(slot, `the parser crashed (${err.message})`));
    slot.worker.on('exit', () => {
      this.slots = this.slots.filter((s) => s !== slot);
      for (const job of this.pending.values()) if (job.slot === slot) this.finish(job.req.id, { id: job.req.id, ok: false, code: 'corrupt', message: `${job.req.fileName}: the parser stopped unexpectedly` });
      this.pump();
    });
    slot.worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.busy = true;
      job.slot = slot;
      this.pending.set(job.req.id, job);
      job.timer = setTimeout(() => {
        this.finish(job.req.id, {
          id: job.req.id,
          ok: false,
          code: 'too-large',
          message: `${job.req.fileName}: parsing took longer than ${Math.round(this.timeLimitMs / 1000)} s and was stopped`,
        });
        void slot!.worker.terminate();
      }, this.timeLimitMs);
      slot.worker.postMessage(job.req);
    }
  }

  private failSlot(slot: Slot, message: string): void {
    for (const job of this.pending.values()) {
      if (job.slot === slot) this.finish(job.req.id, { id: job.req.id, ok: false, code: 'corrupt', message: `${job.req.fileName}: ${message}` });
    }
  }

  private finish(id: number, res: WorkerResponse): void {
    const job = this.pending.get(id);
    if (!job) return;
    this.pending.delete(id);
    clearTimeout(job.timer);
    if (job.slot) job.slot.busy = false;
    job.resolve(res);
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
