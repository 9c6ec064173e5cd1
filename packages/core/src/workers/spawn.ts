/**
 * Node.js spawn layer of the worker pool: a worker is a `worker_threads` Worker started from
 * script text (`eval: true`), so it never loads a file of the application, whatever the install
 * path (`#`, `%`, spaces) or bundler. Core's browser build replaces this file by
 * spawn.browser.ts (module Web Workers), so no Node.js built-in reaches the browser entry.
 * @internal
 */
import { SERVE_SOURCE } from "./protocol";

/** One started worker, whatever the platform. @internal */
export interface SpawnedWorker {
  /** Posts a message, moving the buffers of `transfer`. */
  post(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  /** Adds a listener for the worker's messages. */
  onMessage(listener: (message: unknown) => void): void;
  /** Adds a listener for the worker's failure (uncaught error, failed start, unexpected exit). */
  onError(listener: (error: Error) => void): void;
  /** Keeps the process alive while work is in flight (Node.js); no-op in browsers. */
  ref(): void;
  /** Lets the process exit while the worker is idle (Node.js); no-op in browsers. */
  unref(): void;
  /** Stops the worker. */
  terminate(): Promise<void>;
}

/** Which platform this build of the pool serves: "node" (worker_threads) or "browser" (Web Workers). @internal */
export const WORKER_PLATFORM: "node" | "browser" = "node";

/**
 * Whether the calling thread should compute a share of split work itself: true in Node.js
 * (blocking it costs nothing), false in browsers (it is often the page's main thread).
 * @internal
 */
export const CALLER_COMPUTES: boolean = true;

/**
 * Total memory of the machine in bytes (0 when unknown). `node:os` is reached through
 * `process.getBuiltinModule` (Node.js >= 20.16) or `require` (the CJS build), never by a
 * top-level import, so that this build has no Node.js built-in import at its top.
 * @internal
 */
export function machineMemoryBytes(): number {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const os = (proc?.getBuiltinModule?.("node:os") ??
      (typeof require === "function" ? require("node:os") : undefined)) as { totalmem(): number } | undefined;
    return os ? os.totalmem() : 0;
  } catch {
    return 0;
  }
}

/** Number of workers worth starting: available cores minus the calling thread, 0 to 7. @internal */
export async function defaultWorkerCount(): Promise<number> {
  try {
    const os = await import("node:os");
    const cores =
      typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
    return Math.max(0, Math.min(cores - 1, 7));
  } catch {
    return 0;
  }
}

/** Node.js prelude of every worker script: the port to the pool (`parentPort`). */
const PORT_SOURCE = `
globalThis.__scatterkitPort = (() => {
  const { parentPort } = require("node:worker_threads");
  return {
    post: (m, t) => parentPort.postMessage(m, t || []),
    listen: (f) => parentPort.on("message", f),
  };
})();
`;

/** The full text a worker runs: platform prelude, request loop, then `source`. @internal */
export function workerScript(source: string): string {
  return `${PORT_SOURCE}${SERVE_SOURCE}\n${source}`;
}

type NodeWorker = {
  postMessage(value: unknown, transfer?: readonly ArrayBuffer[]): void;
  on(event: string, listener: (value: never) => void): void;
  ref(): void;
  unref(): void;
  terminate(): Promise<number>;
};
type WorkerThreads = { Worker: new (src: string, opts: unknown) => NodeWorker };

let threads: Promise<WorkerThreads | null> | undefined;
function workerThreads(): Promise<WorkerThreads | null> {
  threads ??= import("node:worker_threads").then(
    (m) => m as unknown as WorkerThreads,
    () => null,
  );
  return threads;
}

/**
 * Starts one worker thread running `source` (a script's text, see {@link workerScript}), or
 * returns null when worker threads are unavailable.
 * @internal
 */
export async function spawnWorker(source: string): Promise<SpawnedWorker | null> {
  const wt = await workerThreads();
  if (!wt) return null;
  let w: NodeWorker;
  try {
    w = new wt.Worker(workerScript(source), { eval: true });
  } catch {
    return null;
  }
  let stopping = false;
  const errorListeners: ((e: Error) => void)[] = [];
  let failed = false;
  const fail = (e: Error) => {
    if (failed || stopping) return;
    failed = true;
    for (const f of errorListeners) f(e);
  };
  w.on("error", ((e: Error) => fail(e instanceof Error ? e : new Error(String(e)))) as (v: never) => void);
  w.on("exit", ((code: number) => fail(new Error(`worker thread stopped (exit code ${code})`))) as (
    v: never,
  ) => void);
  return {
    post: (m, t) => w.postMessage(m, t ?? []),
    onMessage: (f) => w.on("message", f as (v: never) => void),
    onError: (f) => {
      errorListeners.push(f);
    },
    ref: () => w.ref(),
    unref: () => w.unref(),
    terminate: async () => {
      stopping = true;
      await w.terminate();
    },
  };
}
