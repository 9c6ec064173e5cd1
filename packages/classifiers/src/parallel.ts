/**
 * Multi-threaded evaluation of the softmax objective (Node.js worker_threads): the
 * rows of X are split into contiguous blocks, the calling thread evaluates the first
 * block with the penalty and every worker another block without it, and the partial
 * losses and gradients are summed. Workers run the very functions of kernels.ts (their
 * source is shipped to the worker), synchronised through Atomics on shared memory, so an
 * evaluation costs no message passing.
 * @internal
 */
import { type FloatArray, ScatterkitError } from "@scatterkit/core";
import { residuals, softmaxObjective, tileBackward4, tileForward4 } from "./kernels.js";

export interface ParallelObjective {
  fg: (theta: Float64Array, grad: Float64Array) => number;
  close: () => Promise<void>;
}

const WORKER_MAIN = `
const { parentPort, workerData } = require("node:worker_threads");
const { x, n, d, k, y, C, theta, out, ctrl } = workerData;
const grad = new Float64Array(k * d + k);
const z = new Float64Array(4 * k);
const r = new Float64Array(4 * k);
parentPort.postMessage("ready");
for (;;) {
  Atomics.wait(ctrl, 0, 0);
  const cmd = Atomics.load(ctrl, 0);
  if (cmd === 2) break;
  try {
    const f = SOFTMAX(x, n, d, k, y, C, theta, grad, z, r, false);
    out.set(grad);
    out[k * d + k] = f;
    Atomics.store(ctrl, 0, 0);
    Atomics.store(ctrl, 1, 1);
  } catch (e) {
    Atomics.store(ctrl, 0, 0);
    Atomics.store(ctrl, 1, 2);
  }
  Atomics.notify(ctrl, 1);
}
`;

/** Shares (or copies into shared memory) rows [s, e) of X. */
function sharedRows(x: FloatArray, d: number, s: number, e: number): FloatArray {
  if (x.buffer instanceof SharedArrayBuffer) return x.subarray(s * d, e * d);
  const bytes = (e - s) * d * x.BYTES_PER_ELEMENT;
  const out =
    x instanceof Float32Array
      ? new Float32Array(new SharedArrayBuffer(bytes))
      : new Float64Array(new SharedArrayBuffer(bytes));
  out.set(x.subarray(s * d, e * d));
  return out;
}

/**
 * Builds the parallel objective, or returns null when worker threads are unavailable or
 * the problem is too small to split (fewer than 8 rows per thread).
 */
export async function parallelSoftmaxObjective(
  x: FloatArray,
  n: number,
  d: number,
  k: number,
  y: Int32Array,
  C: number,
  workers: number,
): Promise<ParallelObjective | null> {
  if (typeof SharedArrayBuffer === "undefined" || typeof Atomics === "undefined") return null;
  let WorkerCtor: typeof import("node:worker_threads").Worker;
  try {
    // a computed specifier keeps browser bundlers from trying to resolve the Node module
    const spec = ["node", "worker_threads"].join(":");
    WorkerCtor = ((await import(/* @vite-ignore */ spec)) as typeof import("node:worker_threads")).Worker;
  } catch {
    return null;
  }
  const threads = Math.min(workers, Math.floor(n / 8));
  if (threads < 2) return null;
  const size = Math.ceil(n / threads / 4) * 4;
  const bounds: [number, number][] = [];
  for (let s = 0; s < n; s += size) bounds.push([s, Math.min(n, s + size)]);
  const P = k * d + k;
  const theta = new Float64Array(new SharedArrayBuffer(P * 8));
  const source = [softmaxObjective, residuals, tileForward4, tileBackward4]
    .map((f) => f.toString())
    .join("\n");
  const main = WORKER_MAIN.replace("SOFTMAX", softmaxObjective.name);
  const pool: { worker: InstanceType<typeof WorkerCtor>; ctrl: Int32Array; out: Float64Array }[] = [];
  try {
    for (let t = 1; t < bounds.length; t++) {
      const [s, e] = bounds[t];
      const ys = new Int32Array(new SharedArrayBuffer((e - s) * 4));
      ys.set(y.subarray(s, e));
      const ctrl = new Int32Array(new SharedArrayBuffer(8));
      const out = new Float64Array(new SharedArrayBuffer((P + 1) * 8));
      const worker = new WorkerCtor(`${source}\n${main}`, {
        eval: true,
        workerData: { x: sharedRows(x, d, s, e), n: e - s, d, k, y: ys, C, theta, out, ctrl },
      });
      pool.push({ worker, ctrl, out });
    }
    await Promise.all(
      pool.map(
        (p) =>
          new Promise<void>((resolve, reject) => {
            p.worker.once("message", () => resolve());
            p.worker.once("error", reject);
          }),
      ),
    );
  } catch (err) {
    await Promise.all(pool.map((p) => p.worker.terminate()));
    throw err;
  }
  const [s0, e0] = bounds[0];
  const x0 = x.subarray(s0 * d, e0 * d);
  const y0 = y.subarray(s0, e0);
  const z = new Float64Array(4 * k);
  const r = new Float64Array(4 * k);
  const fg = (th: Float64Array, grad: Float64Array): number => {
    theta.set(th);
    for (const p of pool) {
      Atomics.store(p.ctrl, 1, 0);
      Atomics.store(p.ctrl, 0, 1);
      Atomics.notify(p.ctrl, 0);
    }
    let f = softmaxObjective(x0, e0 - s0, d, k, y0, C, th, grad, z, r, true);
    for (const p of pool) {
      while (Atomics.load(p.ctrl, 1) === 0) Atomics.wait(p.ctrl, 1, 0);
      if (Atomics.load(p.ctrl, 1) === 2)
        throw new ScatterkitError("LogisticRegression.fitAsync: a worker thread failed");
      const out = p.out;
      for (let i = 0; i < P; i++) grad[i] += out[i];
      f += out[P];
    }
    return f;
  };
  const close = async (): Promise<void> => {
    for (const p of pool) {
      Atomics.store(p.ctrl, 0, 2);
      Atomics.notify(p.ctrl, 0);
    }
    await Promise.all(pool.map((p) => p.worker.terminate()));
  };
  return { fg, close };
}
