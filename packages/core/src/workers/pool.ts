/**
 * The one worker pool of scatterkit: N workers running the same script (a package's embedded
 * worker bundle, or a worker body assembled from function sources), each initialised once,
 * then answering requests. Platform differences (Node.js `worker_threads` started from text,
 * browser module Web Workers started from a Blob URL) live in spawn.ts / spawn.browser.ts;
 * the request loop inside a worker is protocol.ts's SERVE_SOURCE ({@link serveWorker}).
 *
 * Fallback rule: where no worker can run (no worker support, a worker that fails to start or
 * to initialise), {@link WorkerPool.start} returns null (and traces a "fallback" event) and the
 * caller computes on its own thread. A worker that fails later rejects its pending requests.
 * @internal
 */
import { ScatterkitError } from "../errors";
import type { WorkerFailure, WorkerReplyMessage } from "./protocol";
import { type SpawnedWorker, WORKER_PLATFORM, defaultWorkerCount, spawnWorker } from "./spawn";

/** Events of the pools, for tests and diagnostics (set `globalThis.__scatterkitPoolTrace`). @internal */
export type PoolEvent =
  | { event: "start"; className: string; workers: number; platform: string }
  | { event: "fallback"; className: string; reason: string }
  | { event: "split"; className: string; batch: number; bounds: number[]; onWorkers: number };

/** Passes `e` to `globalThis.__scatterkitPoolTrace` when that is a function. @internal */
export function tracePool(e: PoolEvent): void {
  const f = (globalThis as { __scatterkitPoolTrace?: (e: PoolEvent) => void }).__scatterkitPoolTrace;
  if (typeof f === "function") f(e);
}

let sizeOverride: number | undefined;

/**
 * Number of workers a new pool starts by default: {@link setWorkerCount}'s value, else the
 * platform's (Node.js: available cores - 1, at most 7; browsers: hardwareConcurrency - 1,
 * 1 to 7).
 * @internal
 */
export async function workerCount(): Promise<number> {
  return sizeOverride ?? defaultWorkerCount();
}

/** Sets the default number of workers of pools started from now on (undefined: the platform's). @internal */
export function setWorkerCount(size: number | undefined): void {
  sizeOverride = size;
}

/**
 * Splits `batch` items into at most `parts` contiguous blocks whose starts are multiples of
 * `align`: block k is [bounds[k], bounds[k + 1]). With align 1 and parts <= batch,
 * bounds[k] = round(k batch / parts).
 * @internal
 */
export function splitBatch(batch: number, parts: number, align = 1): number[] {
  const units = Math.ceil(batch / align);
  const p = Math.max(1, Math.min(parts, units));
  return Array.from({ length: p + 1 }, (_, i) => Math.min(batch, align * Math.round((i * units) / p)));
}

/** What {@link WorkerPool.start} needs. @internal */
export interface WorkerPoolSpec {
  /** Name of the pool in trace events and error messages (e.g. the class its workers build). */
  name: string;
  /** The script every worker runs: it calls `serveWorker` / `__scatterkitServe` once. */
  source: string;
  /** Number of workers (a pool of fewer than 1 is not started: null). */
  size: number;
  /** The argument of worker `index`'s setup function, and buffers of it to move (default: none). */
  init?: (index: number) => { data: unknown; transfer?: ArrayBuffer[] };
}

function failureError(pool: string, f: WorkerFailure | undefined): ScatterkitError {
  const e = new ScatterkitError(`${pool} worker: ${f?.name ?? "Error"}: ${f?.message ?? "unknown failure"}`);
  return e;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** A running pool of workers that each ran the same script and setup. @internal */
export class WorkerPool {
  /** Number of workers. */
  readonly size: number;
  private readonly pending: Map<number, Pending>[];
  private readonly dead: (Error | null)[];
  private nextId = 1;
  private disposed = false;

  private constructor(
    private readonly name: string,
    private readonly workers: SpawnedWorker[],
  ) {
    this.size = workers.length;
    this.pending = workers.map(() => new Map());
    this.dead = workers.map(() => null);
    workers.forEach((w, i) => {
      w.onMessage((m) => this.onReply(i, m as WorkerReplyMessage));
      w.onError((e) => this.fail(i, e));
    });
  }

  /**
   * Starts `spec.size` workers running `spec.source`, sends each its init data and waits until
   * every one is ready. Returns null (and traces "fallback" with the reason) when workers are
   * unavailable or one fails to start or to initialise; every started worker is then stopped.
   */
  static async start(spec: WorkerPoolSpec): Promise<WorkerPool | null> {
    if (!(spec.size >= 1)) return null;
    const workers: SpawnedWorker[] = [];
    try {
      const ready: Promise<void>[] = [];
      for (let i = 0; i < spec.size; i++) {
        const w = await spawnWorker(spec.source);
        if (!w) throw new Error(`workers unavailable (${WORKER_PLATFORM})`);
        workers.push(w);
        ready.push(
          new Promise<void>((resolve, reject) => {
            w.onMessage((m) => {
              const r = m as WorkerReplyMessage;
              if (r?.sk === "ready") resolve();
              else if (r?.sk === "fatal") reject(failureError(spec.name, r.error));
            });
            w.onError(reject);
          }),
        );
        const init = spec.init ? spec.init(i) : { data: undefined };
        w.post({ sk: "init", data: init.data }, init.transfer ?? []);
      }
      await Promise.all(ready);
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
      tracePool({ event: "fallback", className: spec.name, reason: String((e as Error)?.message ?? e) });
      return null;
    }
    for (const w of workers) w.unref();
    tracePool({ event: "start", className: spec.name, workers: workers.length, platform: WORKER_PLATFORM });
    return new WorkerPool(spec.name, workers);
  }

  /**
   * Sends `data` to worker `i` (moving the buffers of `transfer`) and resolves with the value
   * its handler returned; rejects with a ScatterkitError naming the worker's error when the
   * handler threw, the worker stopped, or the pool was disposed.
   */
  request<T = unknown>(i: number, data: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.disposed) return Promise.reject(new ScatterkitError(`${this.name} worker pool: disposed`));
    const dead = this.dead[i];
    if (dead) return Promise.reject(dead);
    const w = this.workers[i];
    if (!w) return Promise.reject(new ScatterkitError(`${this.name} worker pool: no worker ${i}`));
    const id = this.nextId++;
    const pending = this.pending[i];
    if (pending.size === 0) w.ref(); // keep the process alive while a request is in flight
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        w.post({ sk: "req", id, data }, transfer);
      } catch (e) {
        this.settle(i, id);
        reject(e);
      }
    });
  }

  /** Stops every worker; pending requests reject. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const gone = new ScatterkitError(`${this.name} worker pool: disposed`);
    this.pending.forEach((p, i) => {
      for (const id of [...p.keys()]) this.settle(i, id)?.reject(gone);
    });
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => undefined)));
  }

  private settle(i: number, id: number): Pending | undefined {
    const p = this.pending[i].get(id);
    if (!p) return undefined;
    this.pending[i].delete(id);
    if (this.pending[i].size === 0) this.workers[i].unref();
    return p;
  }

  private onReply(i: number, msg: WorkerReplyMessage): void {
    if (msg?.sk !== "res" && msg?.sk !== "err") return;
    const p = this.settle(i, msg.id);
    if (!p) return;
    if (msg.sk === "err") p.reject(failureError(this.name, msg.error));
    else p.resolve(msg.value);
  }

  private fail(i: number, e: Error): void {
    if (this.disposed) return;
    const err = new ScatterkitError(`${this.name} worker ${i} failed: ${e.message}`);
    this.dead[i] = err;
    for (const id of [...this.pending[i].keys()]) this.settle(i, id)?.reject(err);
  }
}
