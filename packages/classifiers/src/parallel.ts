/**
 * Multi-threaded evaluation of the softmax objective on @scatterkit/core's worker pool: the
 * rows of X are split into contiguous blocks, the calling thread evaluates the first block with
 * the penalty and every worker another block without it, and the partial losses and gradients
 * are summed. Workers run @scatterkit/linalg's WebAssembly kernels (the compiled module is
 * posted to them) with softmaxBlock of objective.ts (its source is shipped), or, without
 * WebAssembly, the very functions of kernels.ts; they are synchronised through Atomics on
 * shared memory, so an evaluation costs no message passing. This file holds only that worker
 * body (the text below) and its call site; spawning, start-up, errors and shutdown are the
 * pool's.
 * @internal
 */
import { type FloatArray, ScatterkitError, WorkerPool } from "@scatterkit/core";
import { VectorBank, compiledKernels, compiledKernelsShared } from "@scatterkit/linalg";
import { residuals, softmaxObjective, tileBackward4, tileForward4 } from "./kernels.js";
import { packedSoftmaxObjective, softmaxBlock } from "./objective.js";

export interface ParallelObjective {
  fg: (theta: Float64Array, grad: Float64Array) => number;
  close: () => Promise<void>;
  /**
   * Shared memory for the L-BFGS VectorBank whose correction pairs the first worker faults in
   * (one pair after each evaluation, while the calling thread runs the solver's own work), and
   * the claim to make before pair j is first written. Absent without shared module memory.
   */
  bank?: { memory: WebAssembly.Memory; beforeFirstUse: (pair: number) => void };
}

// Each worker's setup receives its block (shared memory) and returns the request handler; the
// one request, "loop", evaluates on every Atomics signal (ctrl[0] = 1) until told to stop
// (ctrl[0] = 2), then answers.
const WORKER_MAIN = `
globalThis.__scatterkitServe(({ x, n, d, k, y, C, theta, out, ctrl }) => {
const grad = new Float64Array(k * d + k);
const z = new Float64Array(4 * k);
const r = new Float64Array(4 * k);
return () => {
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
return { value: null };
};
});
`;

// Worker of the WebAssembly route: the rows are in the worker's instance of
// @scatterkit/linalg's kernel module (laid out as linalg's PackedRows: X padded to rows % 4
// and even length, then W, G, bias, Z and R blocks and W rounded to float32), and each
// evaluation is the fused pass (scores, softmaxBlock, rowsAccT) over blocks of 32 rows. Float32
// X: W is rounded to float32 once per evaluation (rowsScoresF32W32: the same bits as
// rowsScoresF32 on the float64 W, which rounds it in every block). The memory is either a
// shared WebAssembly.Memory that the calling thread fills with the rows (`mem`, with the
// module compiled for a shared import: no second copy; a "touch" request first has the worker
// fault in its pages while the calling thread copies its own rows), or the worker's own
// memory, into which the rows `x` are copied when the loop request arrives (not in setup, so
// that the copy runs while the calling thread copies its own rows).
const WASM_WORKER_MAIN = `
globalThis.__scatterkitServe(({ mod, mem: given, f32, x, n, d, k, y, C, theta, out, ctrl, bank }) => {
const es = f32 ? 4 : 8;
const dp = (d + 3) & ~3, np = (n + 3) & ~3, lp = k + (k & 1), BR = 32;
const xBytes = Math.ceil((np * dp * es) / 16) * 16;
const need = xBytes + 8 * (2 * lp * dp + lp + 2 * BR * lp) + 4 * lp * dp + 64;
const mem = given || new WebAssembly.Memory({ initial: Math.ceil(need / 65536) });
const E = new WebAssembly.Instance(mod, { env: { mem } }).exports;
const buf = mem.buffer;
const X = f32 ? new Float32Array(buf, 0, np * dp) : new Float64Array(buf, 0, np * dp);
let at = xBytes;
const wOff = at, W = new Float64Array(buf, at, lp * dp); at += 8 * lp * dp;
const gOff = at, G = new Float64Array(buf, at, lp * dp); at += 8 * lp * dp;
const bOff = at, B = new Float64Array(buf, at, lp); at += 8 * lp;
const zOff = at, Z = new Float64Array(buf, at, BR * lp); at += 8 * BR * lp;
const rOff = at, R = new Float64Array(buf, at, BR * lp); at += 8 * BR * lp;
const w32Off = at, W32 = new Float32Array(buf, at, lp * dp);
const acc = f32 ? E.rowsAccTF32 : E.rowsAccTF64;
const kd = k * d;
const gb = new Float64Array(k);
// bank: { memory, claim, pairs, pairBytes }: claim[j] 0 free, 1 being faulted in here, 2 done,
// 3 taken by the solver; only bytes of pair j itself are written (zeros, before the solver's
// first write, which waits for state 2)
let nextPair = 0;
const bankU8 = bank ? new Uint8Array(bank.memory.buffer) : null;
const touchPair = () => {
  while (bank && nextPair < bank.pairs) {
    const j = nextPair++;
    if (Atomics.compareExchange(bank.claim, j, 0, 1) !== 0) continue;
    const lo = j * bank.pairBytes, hi = lo + bank.pairBytes;
    for (let a = lo; a < hi; a = (Math.floor(a / 4096) + 1) * 4096) bankU8[a] = 0;
    Atomics.store(bank.claim, j, 2);
    Atomics.notify(bank.claim, j);
    return;
  }
};
return (req) => {
if (req === "touch") {
  const u8 = new Uint8Array(buf);
  for (let i = 0; i < need; i += 4096) u8[i] = 0;
  return { value: null };
}
if (!given) {
  if (dp === d) X.set(x);
  else for (let i = 0; i < n; i++) X.set(x.subarray(i * d, i * d + d), i * dp);
}
for (;;) {
  Atomics.wait(ctrl, 0, 0);
  const cmd = Atomics.load(ctrl, 0);
  if (cmd === 2) break;
  try {
    W.fill(0);
    for (let c = 0; c < k; c++) W.set(theta.subarray(c * d, c * d + d), c * dp);
    if (f32) W32.set(W);
    B.fill(0);
    B.set(theta.subarray(kd, kd + k));
    G.fill(0);
    gb.fill(0);
    let loss = 0;
    for (let row0 = 0; row0 < n; row0 += BR) {
      const rows = Math.min(BR, n - row0);
      const nb = (rows + 3) & ~3;
      const xo = row0 * dp * es;
      if (f32) E.rowsScoresF32W32(xo, w32Off, bOff, zOff, nb, lp, dp);
      else E.rowsScoresF64(xo, wOff, bOff, zOff, nb, lp, dp);
      R.fill(0);
      loss += BLOCK(Z, R, row0, rows, lp, k, y, C, gb);
      acc(xo, rOff, gOff, nb, lp, dp);
    }
    for (let c = 0; c < k; c++) out.set(G.subarray(c * dp, c * dp + d), c * d);
    for (let c = 0; c < k; c++) out[kd + c] = gb[c];
    out[kd + k] = C * loss;
    Atomics.store(ctrl, 0, 0);
    Atomics.store(ctrl, 1, 1);
  } catch (e) {
    Atomics.store(ctrl, 0, 0);
    Atomics.store(ctrl, 1, 2);
  }
  Atomics.notify(ctrl, 1);
  if (Atomics.load(ctrl, 0) === 0) touchPair();
}
return { value: null };
};
});
`;

/** Bytes of a worker's module memory for n rows (the layout of WASM_WORKER_MAIN). */
function workerMemoryBytes(n: number, d: number, k: number, es: number): number {
  const dp = (d + 3) & ~3;
  const np = (n + 3) & ~3;
  const lp = k + (k & 1);
  const xBytes = Math.ceil((np * dp * es) / 16) * 16;
  return xBytes + 8 * (2 * lp * dp + lp + 2 * 32 * lp) + 4 * lp * dp + 64;
}

/**
 * A shared module memory for a worker that will hold n rows of d entries of `es` bytes (its
 * pages not yet touched); null when shared WebAssembly memory cannot be made here.
 */
function sharedModuleMemory(n: number, d: number, k: number, es: number): WebAssembly.Memory | null {
  const pages = Math.ceil(workerMemoryBytes(n, d, k, es) / 65536);
  try {
    return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return null;
  }
}

/** Writes rows [s, e) of X into `mem` as the worker reads them (rows padded to a multiple of 4). */
function fillRows(mem: WebAssembly.Memory, x: FloatArray, d: number, s: number, e: number): void {
  const dp = (d + 3) & ~3;
  const n = e - s;
  const X =
    x instanceof Float32Array
      ? new Float32Array(mem.buffer, 0, n * dp)
      : new Float64Array(mem.buffer, 0, n * dp);
  if (dp === d) X.set(x.subarray(s * d, e * d));
  else for (let i = 0; i < n; i++) X.set(x.subarray((s + i) * d, (s + i + 1) * d), i * dp);
}

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

/** Whether this thread may block on Atomics.wait (not a page's main thread). */
function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the parallel objective, or returns null when it cannot run here (no shared memory,
 * a calling thread that may not block, no worker support, a worker that fails to start) or
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
  solver: { pairs?: number } = {},
): Promise<ParallelObjective | null> {
  if (typeof SharedArrayBuffer === "undefined" || typeof Atomics === "undefined" || !canBlock()) return null;
  const threads = Math.min(workers, Math.floor(n / 8));
  if (threads < 2) return null;
  const size = Math.ceil(n / threads / 4) * 4;
  const bounds: [number, number][] = [];
  for (let s = 0; s < n; s += size) bounds.push([s, Math.min(n, s + size)]);
  const P = k * d + k;
  const theta = new Float64Array(new SharedArrayBuffer(P * 8));
  // WebAssembly route when linalg's kernels compile here, else the TypeScript kernels
  const mod = compiledKernels();
  // rows not already shared: copied once, into shared module memories the workers compute on
  const sharedMod = mod && !(x.buffer instanceof SharedArrayBuffer) ? compiledKernelsShared() : null;
  const source = mod
    ? softmaxBlock.toString()
    : [softmaxObjective, residuals, tileForward4, tileBackward4].map((f) => f.toString()).join("\n");
  const main = mod
    ? WASM_WORKER_MAIN.replace("BLOCK", softmaxBlock.name)
    : WORKER_MAIN.replace("SOFTMAX", softmaxObjective.name);
  // the L-BFGS bank (2 pairs + 1 vectors of length P) in shared memory, faulted in by worker 0
  let bank: { memory: WebAssembly.Memory; claim: Int32Array; pairs: number; pairBytes: number } | null = null;
  if (sharedMod && solver.pairs !== undefined) {
    const pairs = solver.pairs;
    const pages = Math.ceil(VectorBank.byteLength(2 * pairs + 1, P) / 65536) + 1;
    try {
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
      const claim = new Int32Array(new SharedArrayBuffer(4 * pairs));
      bank = { memory, claim, pairs, pairBytes: VectorBank.offset(2, P) };
    } catch {
      bank = null;
    }
  }
  const blocks = bounds.slice(1).map(([s, e], i) => {
    const ys = new Int32Array(new SharedArrayBuffer((e - s) * 4));
    ys.set(y.subarray(s, e));
    const ctrl = new Int32Array(new SharedArrayBuffer(8));
    const out = new Float64Array(new SharedArrayBuffer((P + 1) * 8));
    const common = {
      f32: x instanceof Float32Array,
      ...{ n: e - s, d, k, y: ys, C, theta, out, ctrl },
      bank: i === 0 ? bank : null,
    };
    const mem = sharedMod ? sharedModuleMemory(e - s, d, k, x.BYTES_PER_ELEMENT) : null;
    const init = mem
      ? { ...common, mod: sharedMod, mem, x: null }
      : { ...common, mod, mem: null, x: sharedRows(x, d, s, e) };
    return { ctrl, out, init, mem, s, e };
  });
  const workerPool = await WorkerPool.start({
    name: "LogisticRegression.fitAsync",
    source: `${source}\n${main}`,
    size: blocks.length,
    init: (i) => ({ data: blocks[i].init }),
  });
  if (!workerPool) return null;
  // each worker enters its evaluation loop; the request answers when close() stops it (a
  // worker that dies rejects it: caught here, awaited by close). Workers on shared memory
  // first fault in its pages ("touch") while this thread copies its own rows below; their
  // rows are written once that is done, then they start.
  const loops: Promise<unknown>[] = [];
  const touched: Promise<unknown>[] = [];
  blocks.forEach((b, i) => {
    if (b.mem) touched.push(workerPool.request(i, "touch"));
    else loops.push(workerPool.request(i, "loop").catch(() => undefined));
  });
  const pool = blocks.map(({ ctrl, out }) => ({ ctrl, out }));
  const [s0, e0] = bounds[0];
  const x0 = x.subarray(s0 * d, e0 * d);
  const y0 = y.subarray(s0, e0);
  const z = new Float64Array(4 * k);
  const r = new Float64Array(4 * k);
  const own =
    (mod ? packedSoftmaxObjective(x0, e0 - s0, d, k, y0, C, true) : null) ??
    ((th: Float64Array, grad: Float64Array) =>
      softmaxObjective(x0, e0 - s0, d, k, y0, C, th, grad, z, r, true));
  try {
    await Promise.all(touched);
  } catch {
    await Promise.all(loops);
    await workerPool.dispose();
    return null;
  }
  blocks.forEach((b, i) => {
    if (!b.mem) return;
    fillRows(b.mem, x, d, b.s, b.e);
    loops.push(workerPool.request(i, "loop").catch(() => undefined));
  });
  const fg = (th: Float64Array, grad: Float64Array): number => {
    theta.set(th);
    for (const p of pool) {
      Atomics.store(p.ctrl, 1, 0);
      Atomics.store(p.ctrl, 0, 1);
      Atomics.notify(p.ctrl, 0);
    }
    let f = own(th, grad);
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
    await Promise.all(loops);
    await workerPool.dispose();
  };
  const claim = bank?.claim;
  // before the solver first writes pair j: take it, or wait while worker 0 faults it in (a
  // worker that stopped leaves it after a bounded wait: it no longer writes)
  const beforeFirstUse = (j: number): void => {
    if (!claim || j >= claim.length) return;
    if (Atomics.compareExchange(claim, j, 0, 3) !== 1) return;
    for (let t = 0; t < 200 && Atomics.load(claim, j) === 1; t++) Atomics.wait(claim, j, 1, 25);
  };
  return { fg, close, bank: bank ? { memory: bank.memory, beforeFirstUse } : undefined };
}
