/**
 * The worker pool shared by every scatterkit package (internal, not public API): spawn layer
 * (Node.js worker_threads / browser module Web Workers, both from script text), a generic
 * request/response pool with transferables, the worker-side request loop, batch splitting and
 * trace events. See DEVELOPERS.md, "Worker pool".
 * @internal
 * @packageDocumentation
 */
export {
  type SpawnedWorker,
  WORKER_PLATFORM,
  CALLER_COMPUTES,
  machineMemoryBytes,
  defaultWorkerCount,
  spawnWorker,
  workerScript,
} from "./spawn";
export {
  type PoolEvent,
  type WorkerPoolSpec,
  WorkerPool,
  tracePool,
  workerCount,
  setWorkerCount,
  splitBatch,
} from "./pool";
export { type WorkerReply, type WorkerHandler, serveWorker } from "./serve";
export { type WorkerFailure, type WorkerReplyMessage, SERVE_SOURCE } from "./protocol";
