/**
 * Node.js side of the worker pool: workers are `worker_threads` started from the text of
 * the library's own worker script (`eval: true`), so they never load a file of the
 * application, whatever the install path (`#`, `%`, spaces) or bundler. The browser build
 * replaces this file by platform.browser.ts.
 * @internal
 */
import { totalmem } from "node:os";

/** One started worker, whatever the platform. */
export interface PoolWorker {
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  onError(listener: (error: Error) => void): void;
  /** Keep the process alive while work is in flight (Node.js); no-op in browsers. */
  ref(): void;
  unref(): void;
  terminate(): Promise<void>;
}

/** Total memory of the machine in bytes (0 when unknown). */
export function machineMemoryBytes(): number {
  try {
    return totalmem();
  } catch {
    return 0;
  }
}

/** Which platform this build of the pool serves. */
export const PLATFORM = "node" as const;

/** In Node.js the calling thread computes a block too. */
export const CALLER_COMPUTES = true;

type NodeWorker = {
  postMessage(value: unknown, transfer?: readonly ArrayBuffer[]): void;
  on(event: string, listener: (value: never) => void): void;
  ref(): void;
  unref(): void;
  terminate(): Promise<number>;
};
type WorkerThreads = { Worker: new (src: string, opts: unknown) => NodeWorker; isMainThread: boolean };

let threads: Promise<WorkerThreads | null> | undefined;
function workerThreads(): Promise<WorkerThreads | null> {
  threads ??= import("node:worker_threads").then(
    (m) => m as unknown as WorkerThreads,
    () => null,
  );
  return threads;
}

/** Starts one worker running `source` (the worker script's text), or null when impossible. */
export async function startWorker(source: string): Promise<PoolWorker | null> {
  const wt = await workerThreads();
  if (!wt) return null;
  let w: NodeWorker;
  try {
    w = new wt.Worker(source, { eval: true });
  } catch {
    return null;
  }
  return {
    post: (m, t) => w.postMessage(m, t ?? []),
    onMessage: (f) => w.on("message", f as (v: never) => void),
    onError: (f) => w.on("error", f as (v: never) => void),
    ref: () => w.ref(),
    unref: () => w.unref(),
    terminate: async () => {
      await w.terminate();
    },
  };
}

/** Number of worker threads worth starting: available cores minus the calling thread (at most 7). */
export async function defaultPoolSize(): Promise<number> {
  try {
    const os = await import("node:os");
    const cores =
      typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
    return Math.max(0, Math.min(cores - 1, 7));
  } catch {
    return 0;
  }
}
