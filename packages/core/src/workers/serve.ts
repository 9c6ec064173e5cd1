/**
 * Worker side of the pool, for worker scripts written in TypeScript and bundled (e.g.
 * @scatterkit/scattering's parallel/worker-main.ts).
 * @internal
 */

/** What a request handler returns: the reply's value and buffers of it to move, not copy. @internal */
export interface WorkerReply {
  value: unknown;
  transfer?: ArrayBuffer[];
}

/** A worker's request handler (see {@link serveWorker}). @internal */
export type WorkerHandler = (request: never) => WorkerReply | Promise<WorkerReply>;

/**
 * Runs this worker's request loop: the pool's init message calls `setup(initData)`, which
 * returns (or resolves to) the handler of every later request. Only callable inside a worker
 * started by {@link WorkerPool} (whose prelude defines the loop); throws elsewhere.
 * @internal
 */
export function serveWorker(setup: (init: never) => WorkerHandler | Promise<WorkerHandler>): void {
  const serve = (globalThis as { __scatterkitServe?: (s: typeof setup) => void }).__scatterkitServe;
  if (typeof serve !== "function") {
    throw new Error("serveWorker: not inside a scatterkit pool worker (no __scatterkitServe)");
  }
  serve(setup);
}
