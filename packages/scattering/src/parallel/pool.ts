/**
 * The one worker pool of scatterkit, behind `forwardAsync` of every transform. Workers run the
 * library's own worker script, embedded in the build as text (worker-source.ts), never a file
 * of the application: Node.js starts `worker_threads` from that text, browsers start module
 * Web Workers from a Blob URL (platform.ts / platform.browser.ts). So it works the same from
 * ESM, CommonJS, an application bundled for Node or for the browser, and any install path.
 *
 * Each worker builds the same object (class `className` of the worker script) from the options
 * it is given (the prebuilt filter bank included, never recomputed) and transforms contiguous
 * blocks of the batch with its `forward`. Blocks start at multiples of `align` items (default 2:
 * the transforms pair two real items in one complex FFT, so a block boundary never separates a
 * pair and each item's result is bit for bit the one `forward` gives). In Node.js the calling
 * thread computes the first block itself; in a browser every block runs in a worker. Where no
 * worker can run (no worker script, no worker support, a worker that fails to start), `run`
 * returns null and the caller computes on its own thread.
 * @internal
 */
import type { FloatArray } from "@scatterkit/core";
import {
  CALLER_COMPUTES,
  PLATFORM,
  type PoolWorker,
  defaultPoolSize as platformPoolSize,
  startWorker,
} from "./platform";
import { WORKER_SOURCE } from "./worker-source";

let sourceOverride: string | undefined;
let sizeOverride: number | undefined;

/** Number of workers a new pool starts: the platform's default unless {@link setPoolSize} set one. */
export async function defaultPoolSize(): Promise<number> {
  return sizeOverride ?? platformPoolSize();
}

/** Sets the number of workers of pools started from now on (undefined: the platform's default). */
export function setPoolSize(size: number | undefined): void {
  sizeOverride = size;
}

/**
 * Sets the worker script used when the build embedded none (tests running the TypeScript
 * sources build it with esbuild); undefined restores the embedded one.
 */
export function setWorkerSource(source: string | undefined): void {
  sourceOverride = source;
}

/** The worker script in use, or undefined (then every transform computes on the calling thread). */
export function workerSource(): string | undefined {
  return sourceOverride ?? WORKER_SOURCE;
}

/** Events of the pool, for tests and diagnostics (set `globalThis.__scatterkitPoolTrace`). */
export type PoolEvent =
  | { event: "start"; className: string; workers: number; platform: string }
  | { event: "fallback"; className: string; reason: string }
  | { event: "split"; className: string; batch: number; bounds: number[]; onWorkers: number };

function trace(e: PoolEvent): void {
  const f = (globalThis as { __scatterkitPoolTrace?: (e: PoolEvent) => void }).__scatterkitPoolTrace;
  if (typeof f === "function") f(e);
}

/**
 * Splits a batch of `batch` items into at most `parts` contiguous blocks whose starts are
 * multiples of `align`: block k is [bounds[k], bounds[k + 1]). With align 1 and parts <= batch,
 * bounds[k] = round(k batch / parts).
 */
export function splitBatch(batch: number, parts: number, align = 1): number[] {
  const units = Math.ceil(batch / align);
  const p = Math.max(1, Math.min(parts, units));
  return Array.from({ length: p + 1 }, (_, i) => Math.min(batch, align * Math.round((i * units) / p)));
}

type Reply = { type: string; id?: number; data?: Float32Array | Float64Array; message?: string };

/** A running pool of workers that each hold one object of class `className`. */
export class TransformPool {
  readonly size: number;
  private readonly pending = new Map<
    number,
    { resolve: (d: Float32Array | Float64Array) => void; reject: (e: Error) => void; w: number }
  >();
  private readonly busy: number[];
  private nextId = 1;

  private constructor(private readonly workers: PoolWorker[]) {
    this.size = workers.length;
    this.busy = workers.map(() => 0);
    workers.forEach((w, i) => {
      w.onMessage((m) => this.onReply(i, m as Reply));
      w.onError((e) => this.failAll(i, e));
    });
  }

  /** Starts `size` workers and waits until each has built its object; null when unavailable. */
  static async start(spec: {
    source: string;
    className: string;
    /** Constructor options of one worker's object (called once per worker). */
    options: () => unknown;
    /** Buffers of those options to move to the worker instead of copying (default none). */
    transfer?: (options: unknown) => ArrayBuffer[];
    size: number;
  }): Promise<TransformPool | null> {
    if (spec.size < 1) return null;
    const workers: PoolWorker[] = [];
    try {
      const ready: Promise<void>[] = [];
      for (let i = 0; i < spec.size; i++) {
        const w = await startWorker(spec.source);
        if (!w) throw new Error("workers unavailable");
        workers.push(w);
        ready.push(
          new Promise<void>((resolve, reject) => {
            w.onMessage((m) => {
              const r = m as Reply;
              if (r.type === "ready") resolve();
              else if (r.type === "fatal") reject(new Error(r.message));
            });
            w.onError(reject);
          }),
        );
        const options = spec.options();
        w.post(
          { type: "init", className: spec.className, options },
          spec.transfer ? spec.transfer(options) : [],
        );
      }
      await Promise.all(ready);
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
      trace({ event: "fallback", className: spec.className, reason: String((e as Error)?.message ?? e) });
      return null;
    }
    for (const w of workers) w.unref();
    trace({ event: "start", className: spec.className, workers: workers.length, platform: PLATFORM });
    return new TransformPool(workers);
  }

  /** Transforms `data` (a private copy: its buffer is moved) of shape `shape` on worker `i`. */
  run(i: number, data: Float32Array | Float64Array, shape: number[]): Promise<Float32Array | Float64Array> {
    const id = this.nextId++;
    const w = this.workers[i];
    if (this.busy[i]++ === 0) w.ref(); // keep the process alive while a block is in flight
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, w: i });
      w.post({ type: "run", id, data, shape }, [data.buffer as ArrayBuffer]);
    });
  }

  /** Stops every worker. */
  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private release(i: number): void {
    if (--this.busy[i] === 0) this.workers[i].unref();
  }

  private onReply(i: number, msg: Reply): void {
    if (msg.type !== "done" && msg.type !== "error") return;
    const p = this.pending.get(msg.id ?? -1);
    if (!p) return;
    this.pending.delete(msg.id as number);
    this.release(i);
    if (msg.type === "error" || !msg.data) p.reject(new Error(msg.message ?? "worker returned no data"));
    else p.resolve(msg.data);
  }

  private failAll(i: number, e: Error): void {
    for (const [id, p] of this.pending) {
      if (p.w !== i) continue;
      this.pending.delete(id);
      this.release(i);
      p.reject(e);
    }
  }
}

/** What {@link ParallelForward.run} needs to split one forward call. */
export interface ParallelJob {
  /** Input values (items of `inSize` values each, contiguous). */
  data: FloatArray;
  /** Number of items (product of the batch dimensions). */
  batch: number;
  /** Values per input item and the shape of one item (without the batch axis). */
  inSize: number;
  itemShape: readonly number[];
  /** Values per output item. */
  outSize: number;
  /** Computes items b0 .. b1-1 on the calling thread into out (item b at b * outSize). */
  local: (b0: number, b1: number, out: FloatArray) => void;
  /** Blocks start at multiples of this many items (default 2: items paired in one FFT stay together). */
  align?: number;
}

/**
 * A transform's lazily started worker pool: `run` splits a batch into blocks (in Node.js the
 * calling thread takes the first) and returns the output values, bit for bit what the
 * transform's own `forward` computes, or null when there is nothing to gain or no worker can
 * run (the caller then computes on its own thread).
 */
export class ParallelForward {
  private pool: Promise<TransformPool | null> | undefined;

  /**
   * @param className the exported class a worker builds
   * @param options its constructor options, filter bank included (called once per worker)
   * @param transfer buffers of those options to move to the worker rather than copy
   * @param source the worker script (default: this package's, see {@link workerSource})
   */
  constructor(
    private readonly className: string,
    private readonly options: () => unknown,
    private readonly transfer?: (options: unknown) => ArrayBuffer[],
    private readonly source?: () => string | undefined,
  ) {}

  /** The output values of the whole batch, or null when the caller should compute them itself. */
  async run(job: ParallelJob): Promise<FloatArray | null> {
    const { data, batch, inSize, outSize } = job;
    if (batch < 1 || (CALLER_COMPUTES && batch < 2)) return null;
    const pool = await this.get();
    if (!pool) return null;
    const out: FloatArray =
      data instanceof Float32Array ? new Float32Array(batch * outSize) : new Float64Array(batch * outSize);
    const bounds = splitBatch(batch, pool.size + (CALLER_COMPUTES ? 1 : 0), job.align ?? 2);
    const parts = bounds.length - 1;
    const first = CALLER_COMPUTES ? 1 : 0;
    trace({ event: "split", className: this.className, batch, bounds, onWorkers: parts - first });
    const jobs: Promise<void>[] = [];
    for (let k = first; k < parts; k++) {
      const b0 = bounds[k];
      const b1 = bounds[k + 1];
      const block = data.slice(b0 * inSize, b1 * inSize);
      jobs.push(
        pool.run(k - first, block, [b1 - b0, ...job.itemShape]).then((d) => out.set(d, b0 * outSize)),
      );
    }
    if (CALLER_COMPUTES) job.local(bounds[0], bounds[1], out);
    await Promise.all(jobs);
    return out;
  }

  /** Stops the workers, if any were started. */
  async dispose(): Promise<void> {
    const pool = this.pool ? await this.pool : null;
    this.pool = undefined;
    if (pool) await pool.terminate();
  }

  private get(): Promise<TransformPool | null> {
    if (!this.pool) {
      const source = this.source ? this.source() : workerSource();
      if (!source) {
        trace({
          event: "fallback",
          className: this.className,
          reason: "no worker script (TypeScript sources)",
        });
        this.pool = Promise.resolve(null);
      } else {
        this.pool = defaultPoolSize().then((size) =>
          TransformPool.start({
            source,
            size,
            className: this.className,
            options: this.options,
            transfer: this.transfer,
          }),
        );
      }
    }
    return this.pool;
  }
}
