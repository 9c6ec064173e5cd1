/**
 * PackedRows: a data matrix X [n, d] copied once into kernel memory (its float type kept),
 * for the products that iterative solvers repeat on the same X with small factors:
 * Z = X W^T + 1 b^T, G = R^T X, and the fused row-block pass (Z block, then R block from
 * it, then G += R_block^T X_block while the block is still in cache).
 */
import { type FloatArray, ParameterError, ShapeError, checkInteger, isFloatArray } from "@scatterkit/core";
import { getEngineChoice } from "./engine.js";
import { linalgModule } from "./kernels.js";

/** Rows per block of the fused pass (a multiple of 4). */
const BLOCK_ROWS = 32;

const up = (v: number, m: number) => Math.ceil(v / m) * m;

type Kernels = ReturnType<typeof linalgModule.bindTwins>;

/**
 * Callback of {@link PackedRows.pass}: reads the scores of one block of rows,
 * z[q lp + c] = x_{row0+q} . w_c + b_c for q < rows, c < l, and writes the factor
 * r[q lp + c] of those rows (r is zero on entry; padding entries must stay zero).
 * Returns a number that the pass sums over blocks (e.g. the loss of the block).
 */
export type RowBlockFn = (z: Float64Array, r: Float64Array, row0: number, rows: number, lp: number) => number;

/** Arithmetic of the products of a float32 X (see {@link PackedRows.products}). */
export type RowProducts = "float32" | "float64";

/**
 * A data matrix X [n, d] held in kernel memory (WebAssembly memory when the SIMD engine
 * runs, else a plain buffer; the same bits either way), rows padded to a multiple of 4 and
 * to a length that is a multiple of 4 with zeros. Float32 X stays float32 (half the memory
 * traffic). Float64 X: every product in float64. Float32 X: see {@link products}.
 */
export class PackedRows {
  /** Rows of X. */
  readonly n: number;
  /** Columns of X. */
  readonly d: number;
  /** Element type kept for X. */
  readonly dtype: "float32" | "float64";
  /** "wasm-simd" or "typescript". */
  readonly engine: string;
  /**
   * Products of a float32 X (ignored for float64 X, always float64), switchable between
   * calls. "float32" (default): x fl32(w) rounded to float32, four lanes per SIMD operation,
   * at most 8 such products summed in float32 (8 columns for scores, 8 rows for R^T X), then
   * accumulated in float64: about twice the speed, each product with a relative error of
   * at most 2^-23. "float64": the float32 entries promoted, products and sums in float64.
   */
  products: RowProducts = "float32";
  private readonly dp: number;
  private readonly np: number;
  private readonly xBytes: number;
  private memory: WebAssembly.Memory | null = null;
  private buffer: ArrayBuffer;
  private kernels: Kernels;
  private lp = 0;
  private x!: FloatArray;
  private w!: Float64Array;
  private bias!: Float64Array;
  private g!: Float64Array;
  private z!: Float64Array;
  private r!: Float64Array;
  /** W rounded to float32 (float32 products: rounded once per load instead of in every block). */
  private w32!: Float32Array;

  /**
   * Copies X (row-major [n, d]: `data` with `shape` [n, d], any Float32Array or
   * Float64Array) into kernel memory; `options.products` sets {@link products}.
   */
  constructor(X: { data: FloatArray; shape: readonly number[] }, options: { products?: RowProducts } = {}) {
    if (typeof X !== "object" || X === null || !isFloatArray(X.data)) {
      throw new ParameterError("X", X, "a Tensor { data: Float32Array | Float64Array, shape: [n, d] }");
    }
    if (!Array.isArray(X.shape) || X.shape.length !== 2)
      throw new ShapeError("X.shape", X.shape, "a 2-D shape [n, d]");
    const n = checkInteger("X.shape[0]", X.shape[0], 1);
    const d = checkInteger("X.shape[1]", X.shape[1], 1);
    if (X.data.length !== n * d) {
      throw new ShapeError("X.shape", X.shape, `a shape whose product equals data.length (${X.data.length})`);
    }
    if (options.products !== undefined) {
      if (options.products !== "float32" && options.products !== "float64") {
        throw new ParameterError("products", options.products, '"float32" or "float64"');
      }
      this.products = options.products;
    }
    this.n = n;
    this.d = d;
    this.dtype = X.data instanceof Float32Array ? "float32" : "float64";
    this.dp = up(d, 4);
    this.np = up(n, 4);
    const es = this.dtype === "float32" ? 4 : 8;
    this.xBytes = up(this.np * this.dp * es, 16);
    const useWasm = getEngineChoice() !== "typescript" && linalgModule.compile() !== null;
    if (useWasm) {
      this.memory = new WebAssembly.Memory({ initial: Math.ceil(this.xBytes / 65536) + 1 });
      const inst = linalgModule.instantiate(this.memory);
      if (!inst) throw new Error("linalg: WebAssembly module did not instantiate");
      this.kernels = inst.kernels as unknown as Kernels;
      this.buffer = this.memory.buffer as ArrayBuffer;
      this.engine = "wasm-simd";
    } else {
      this.buffer = new ArrayBuffer(this.xBytes);
      this.kernels = linalgModule.bindTwins();
      this.engine = "typescript";
    }
    this.layout(2);
    const src = X.data;
    const x = this.x;
    if (this.dp === d) x.set(src);
    else for (let i = 0; i < n; i++) x.set(src.subarray(i * d, i * d + d), i * this.dp);
  }

  /** Places the factor buffers for up to l outputs after X (growing the memory if needed). */
  private layout(l: number): void {
    const lp = up(Math.max(l, 2), 2);
    if (lp <= this.lp) return;
    const dp = this.dp;
    const need = this.xBytes + 8 * (2 * lp * dp + lp + 2 * BLOCK_ROWS * lp) + 4 * lp * dp + 64;
    if (this.memory) {
      const have = this.memory.buffer.byteLength;
      if (need > have) this.memory.grow(Math.ceil((need - have) / 65536));
      this.buffer = this.memory.buffer as ArrayBuffer;
    } else if (need > this.buffer.byteLength) {
      const b = new ArrayBuffer(need);
      new Uint8Array(b).set(new Uint8Array(this.buffer, 0, this.xBytes));
      this.buffer = b;
    }
    const buf = this.buffer;
    let at = 0;
    const es = this.dtype === "float32" ? 4 : 8;
    this.x =
      this.dtype === "float32"
        ? new Float32Array(buf, 0, this.np * this.dp)
        : new Float64Array(buf, 0, this.np * this.dp);
    at = this.xBytes;
    void es;
    this.w = new Float64Array(buf, at, lp * dp);
    at += 8 * lp * dp;
    this.g = new Float64Array(buf, at, lp * dp);
    at += 8 * lp * dp;
    this.bias = new Float64Array(buf, at, lp);
    at += 8 * lp;
    this.z = new Float64Array(buf, at, BLOCK_ROWS * lp);
    at += 8 * BLOCK_ROWS * lp;
    this.r = new Float64Array(buf, at, BLOCK_ROWS * lp);
    at += 8 * BLOCK_ROWS * lp;
    this.w32 = new Float32Array(buf, at, lp * dp);
    this.lp = lp;
  }

  private checkFactor(name: string, a: unknown, len: number): Float64Array {
    if (!(a instanceof Float64Array) || a.length < len) {
      throw new ParameterError(name, a, `a Float64Array of at least ${len} entries`);
    }
    return a;
  }

  /** Copies W [l, d] (row-major) and the bias into kernel memory (padded with zeros). */
  private loadFactor(W: Float64Array, l: number, bias: Float64Array | null): void {
    this.layout(l);
    const { d, dp, lp } = this;
    const w = this.w;
    w.fill(0);
    for (let c = 0; c < l; c++) w.set(W.subarray(c * d, c * d + d), c * dp);
    this.bias.fill(0);
    if (bias) this.bias.set(bias.subarray(0, l));
    if (this.dtype === "float32" && this.products === "float32") this.w32.set(w); // rounds to nearest
    void lp;
  }

  private xBlock(row0: number, nb: number): FloatArray {
    const o = row0 * this.dp;
    return this.x.subarray(o, o + nb * this.dp);
  }

  private scoresKernel(): (
    x: FloatArray,
    w: Float64Array,
    b: Float64Array,
    z: Float64Array,
    nb: number,
    l: number,
    dp: number,
  ) => void {
    const k = this.kernels as unknown as Record<string, (...a: unknown[]) => void>;
    if (this.dtype === "float64") return k.rowsScoresF64 as never;
    if (this.products === "float64") return k.rowsScoresF32Exact as never;
    // W rounded to float32 once by loadFactor: same bits as rowsScoresF32 on the float64 W
    const w32 = this.w32;
    const run = k.rowsScoresF32W32;
    return ((
      x: FloatArray,
      _w: Float64Array,
      b: Float64Array,
      z: Float64Array,
      nb: number,
      l: number,
      dp: number,
    ) => run(x, w32, b, z, nb, l, dp)) as never;
  }

  private accKernel(): (
    x: FloatArray,
    r: Float64Array,
    g: Float64Array,
    nb: number,
    l: number,
    dp: number,
  ) => void {
    const k = this.kernels as unknown as Record<string, (...a: unknown[]) => void>;
    if (this.dtype === "float64") return k.rowsAccTF64 as never;
    return (this.products === "float64" ? k.rowsAccTF32Exact : k.rowsAccTF32) as never;
  }

  /**
   * Scores Z = X W^T + 1 b^T: out[i l + c] = sum_j X[i, j] W[c, j] + b[c] (float64 products:
   * the sum over j taken as (even-j sum + odd-j sum), each sequential; float32 products: see
   * {@link products} and the rowsScoresF32 kernel) for W [l, d] row-major and
   * bias b [l] (or null for 0). Writes `out` ([n, l], allocated when omitted) and returns it.
   */
  scores(W: Float64Array, l: number, bias: Float64Array | null = null, out?: Float64Array): Float64Array {
    checkInteger("l", l, 1);
    this.checkFactor("W", W, l * this.d);
    if (bias !== null) this.checkFactor("bias", bias, l);
    const o = out === undefined ? new Float64Array(this.n * l) : this.checkFactor("out", out, this.n * l);
    this.loadFactor(W, l, bias);
    const { lp, dp, n } = this;
    const run = this.scoresKernel();
    for (let row0 = 0; row0 < n; row0 += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, n - row0);
      const nb = up(rows, 4);
      run(this.xBlock(row0, nb), this.w, this.bias, this.z, nb, lp, dp);
      const z = this.z;
      for (let q = 0; q < rows; q++) for (let c = 0; c < l; c++) o[(row0 + q) * l + c] = z[q * lp + c];
    }
    return o;
  }

  /**
   * Transposed product G = R^T X: out[c d + j] = sum_i R[i, c] X[i, j] (rows taken four at
   * a time in order, each four-row sum in float64, or in float32 with float32 products, see
   * {@link products}; G accumulated in float64) for R [n, l] row-major. Writes `out` ([l, d], allocated when
   * omitted) and returns it.
   */
  transposeTimes(R: Float64Array, l: number, out?: Float64Array): Float64Array {
    checkInteger("l", l, 1);
    this.checkFactor("R", R, this.n * l);
    const o = out === undefined ? new Float64Array(l * this.d) : this.checkFactor("out", out, l * this.d);
    this.layout(l);
    const { lp, dp, n } = this;
    this.g.fill(0);
    const acc = this.accKernel();
    const r = this.r;
    for (let row0 = 0; row0 < n; row0 += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, n - row0);
      const nb = up(rows, 4);
      r.fill(0);
      for (let q = 0; q < rows; q++) for (let c = 0; c < l; c++) r[q * lp + c] = R[(row0 + q) * l + c];
      acc(this.xBlock(row0, nb), r, this.g, nb, lp, dp);
    }
    this.unloadG(l, o);
    return o;
  }

  private unloadG(l: number, o: Float64Array): void {
    const { d, dp } = this;
    for (let c = 0; c < l; c++) o.set(this.g.subarray(c * dp, c * dp + d), c * d);
  }

  /**
   * The fused pass of gradient-based solvers, over blocks of 32 rows: Z_B = X_B W^T + 1 b^T
   * (as {@link scores}), then `fn(z, r, row0, rows, lp)` turns the block's scores into its
   * factor R_B, then G += R_B^T X_B (as {@link transposeTimes}) while X_B is still in cache.
   * Writes G = R^T X into `grad` ([l, d]) and returns the sum of fn's results.
   */
  pass(W: Float64Array, l: number, bias: Float64Array | null, fn: RowBlockFn, grad: Float64Array): number {
    checkInteger("l", l, 1);
    this.checkFactor("W", W, l * this.d);
    if (bias !== null) this.checkFactor("bias", bias, l);
    this.checkFactor("grad", grad, l * this.d);
    this.loadFactor(W, l, bias);
    const { lp, dp, n } = this;
    this.g.fill(0);
    const scores = this.scoresKernel();
    const acc = this.accKernel();
    const { w, z, r, g } = this;
    const b = this.bias;
    let total = 0;
    for (let row0 = 0; row0 < n; row0 += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, n - row0);
      const nb = up(rows, 4);
      const xb = this.xBlock(row0, nb);
      scores(xb, w, b, z, nb, lp, dp);
      r.fill(0);
      total += fn(z, r, row0, rows, lp);
      acc(xb, r, g, nb, lp, dp);
    }
    this.unloadG(l, grad);
    return total;
  }
}
