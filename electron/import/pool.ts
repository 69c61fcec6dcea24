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
  /** Jobs posted and not yet answered. */
  load: number;
}

// Each worker holds a few jobs in its message queue, so it never waits for the
// main thread (often busy committing) to hand it the next file.
const JOBS_PER_WORKER = 4;
interface Job {
  req: WorkerRequest;
  /** Requeued once after its worker died with other work in hand. */
  retried?: boolean;
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

  // Two workers even on a two-core machine: the main thread mostly waits on I/O
  // and SQLite, so parsing is what limits throughput.
  constructor(readonly size = Math.max(2, Math.min(4, availableParallelism() - 1)), private readonly timeLimitMs = PARSE_TIME_LIMIT_MS) {}

  parse(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<WorkerResponse> {
    if (this.closed) throw new Error('The import pool is closed.');
    return new Promise((resolve) => {
      const job: Job = { req: { id: this.nextId++, bytes, fileName, options }, resolve };
      this.queue.push(job);
      this.pump();
    });
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(workerPath()), load: 0 };
    slot.worker.on('message', (res: WorkerResponse) => this.finish(res.id, res));
    slot.worker.on('error', () => undefined); // handled on 'exit', which always follows
    slot.worker.on('exit', () => {
      this.slots = this.slots.filter((s) => s !== slot);
      // Jobs queued behind the one that overran or crashed get one more chance
      // on a fresh worker; a job that was already retried fails for good.
      for (const job of [...this.pending.values()]) {
        if (job.slot !== slot) continue;
        if (job.retried) {
          this.finish(job.req.id, { id: job.req.id, ok: false, code: 'corrupt', message: `${job.req.fileName}: the parser stopped unexpectedly` });
        } else {
          this.pending.delete(job.req.id);
          clearTimeout(job.timer);
          job.retried = true;
          job.slot = undefined;
          this.queue.unshift(job);
        }
      }
      this.pump();
    });
    slot.worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      if (this.slots.length < this.size) this.spawn();
      let slot: Slot | undefined;
      for (const s of this.slots) if (s.load < JOBS_PER_WORKER && (!slot || s.load < slot.load)) slot = s;
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.load++;
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

  private finish(id: number, res: WorkerResponse): void {
    const job = this.pending.get(id);
    if (!job) return;
    this.pending.delete(id);
    clearTimeout(job.timer);
    if (job.slot) job.slot.load--;
    job.resolve(res);
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
