/**
 * `forwardAsync` of every transform, on @scatterkit/core's worker pool (core's src/workers/:
 * Node.js `worker_threads` or browser module Web Workers, both started from script text). The
 * workers run this package's own worker script (worker-main.ts, embedded in the build as text
 * by worker-source.ts), never a file of the application, so it works the same from ESM,
 * CommonJS, an application bundled for Node or for the browser, and any install path.
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
import {
  CALLER_COMPUTES,
  type FloatArray,
  WorkerPool,
  splitBatch,
  tracePool,
  workerCount,
} from "@scatterkit/core";
import { WORKER_SOURCE } from "./worker-source";

export { type PoolEvent, splitBatch } from "@scatterkit/core";

let sourceOverride: string | undefined;
let sizeOverride: number | undefined;

/** Number of workers a new pool starts: core's default unless {@link setPoolSize} set one. */
export async function defaultPoolSize(): Promise<number> {
  return sizeOverride ?? workerCount();
}

/** Sets the number of workers of pools started from now on (undefined: core's default). */
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
  private pool: Promise<WorkerPool | null> | undefined;

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
    tracePool({ event: "split", className: this.className, batch, bounds, onWorkers: parts - first });
    const jobs: Promise<void>[] = [];
    for (let k = first; k < parts; k++) {
      const b0 = bounds[k];
      const b1 = bounds[k + 1];
      const block = data.slice(b0 * inSize, b1 * inSize);
      jobs.push(
        pool
          .request<FloatArray>(k - first, { data: block, shape: [b1 - b0, ...job.itemShape] }, [
            block.buffer as ArrayBuffer,
          ])
          .then((d) => out.set(d, b0 * outSize)),
      );
    }
    // handled before the calling thread computes: if its block throws, the workers' blocks
    // are abandoned without an unhandled rejection
    const workerBlocks = Promise.all(jobs);
    workerBlocks.catch(() => undefined);
    if (CALLER_COMPUTES) job.local(bounds[0], bounds[1], out);
    await workerBlocks;
    return out;
  }

  /** Stops the workers, if any were started. */
  async dispose(): Promise<void> {
    const pool = this.pool ? await this.pool : null;
    this.pool = undefined;
    if (pool) await pool.dispose();
  }

  private get(): Promise<WorkerPool | null> {
    if (!this.pool) {
      const source = this.source ? this.source() : workerSource();
      if (!source) {
        tracePool({
          event: "fallback",
          className: this.className,
          reason: "no worker script (TypeScript sources)",
        });
        this.pool = Promise.resolve(null);
      } else {
        this.pool = defaultPoolSize().then((size) =>
          WorkerPool.start({
            name: this.className,
            source,
            size,
            init: () => {
              const options = this.options();
              return {
                data: { className: this.className, options },
                transfer: this.transfer ? this.transfer(options) : [],
              };
            },
          }),
        );
      }
    }
    return this.pool;
  }
}
