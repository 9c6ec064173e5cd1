/**
 * General matrix-matrix product (BLAS GEMM), row-major, blocked for cache (BLIS layout:
 * B packed into column panels of NR, A into row panels of MR, an MR x NR register tile).
 */
import type { FloatArray } from "@scatterkit/core";
import { checkArray, checkDim, checkScalar, checkView } from "./check.js";
import { getEngine } from "./engine.js";
import { MR, NR } from "./kernels.js";

export { MR, NR };

/** Depth of one packed block (entries of the summation index per pass). @internal */
export const KC = 256;
/** Rows of A per packed block. @internal */
export const MC = 96;
/** Columns of B per packed block. @internal */
export const NC = 1024;

/**
 * Storage and macro-kernel of one GEMM engine. `pa` holds the packed A block (row panels
 * of MR, MC x KC), `pb` the packed B block (column panels of NR, KC x NC), `cb` receives
 * the product block. `macro(mc, nc, kc)` OVERWRITES cb[i ncp + j] (ncp = nc rounded up to
 * a multiple of 4) with sum_{p < kc} pa-row(i)[p] * pb-column(j)[p], each a sequential
 * float64 sum from 0 (mul then add, no fused multiply-add): the kernel gemmBlock of
 * kernels.ts, as WebAssembly or as its TypeScript twin, which give the same bits.
 * @internal
 */
export interface GemmEngine {
  readonly name: string;
  readonly pa: Float64Array;
  readonly pb: Float64Array;
  readonly cb: Float64Array;
  macro(mc: number, nc: number, kc: number): void;
}

/**
 * Packs alpha * op(A)[i0..i0+mc, p0..p0+kc] into row panels of MR: panel ip holds, for each
 * p, the MR values alpha * op(A)[i0 + ip MR + ii, p0 + p] (zero beyond row mc).
 * op(A)[i, p] = A[aOff + i lda + p] (transA false) or A[aOff + p lda + i] (transA true).
 * @internal
 */
export function packA(
  a: FloatArray,
  aOff: number,
  lda: number,
  transA: boolean,
  alpha: number,
  i0: number,
  p0: number,
  mc: number,
  kc: number,
  out: Float64Array,
): void {
  const panels = Math.ceil(mc / MR);
  for (let ip = 0; ip < panels; ip++) {
    const base = ip * MR * kc;
    const rows = Math.min(MR, mc - ip * MR);
    const i = i0 + ip * MR;
    if (transA && rows === MR) {
      // op(A)[i.., p] = A[p, i..]: four contiguous values per p
      let src = aOff + p0 * lda + i;
      for (let p = 0, o = base; p < kc; p++, o += MR, src += lda) {
        out[o] = alpha * a[src];
        out[o + 1] = alpha * a[src + 1];
        out[o + 2] = alpha * a[src + 2];
        out[o + 3] = alpha * a[src + 3];
      }
      continue;
    }
    if (!transA && rows === MR) {
      const s0 = aOff + i * lda + p0;
      const s1 = s0 + lda;
      const s2 = s1 + lda;
      const s3 = s2 + lda;
      for (let p = 0, o = base; p < kc; p++, o += MR) {
        out[o] = alpha * a[s0 + p];
        out[o + 1] = alpha * a[s1 + p];
        out[o + 2] = alpha * a[s2 + p];
        out[o + 3] = alpha * a[s3 + p];
      }
      continue;
    }
    for (let ii = 0; ii < MR; ii++) {
      if (ii >= rows) {
        for (let p = 0; p < kc; p++) out[base + p * MR + ii] = 0;
        continue;
      }
      if (!transA) {
        const src = aOff + (i + ii) * lda + p0;
        for (let p = 0; p < kc; p++) out[base + p * MR + ii] = alpha * a[src + p];
      } else {
        let src = aOff + p0 * lda + i + ii;
        for (let p = 0; p < kc; p++, src += lda) out[base + p * MR + ii] = alpha * a[src];
      }
    }
  }
}

/**
 * Packs op(B)[p0..p0+kc, j0..j0+nc] into column panels of NR: panel jp holds, for each p,
 * the NR values op(B)[p0 + p, j0 + jp NR + jj] (zero beyond column nc).
 * op(B)[p, j] = B[bOff + p ldb + j] (transB false) or B[bOff + j ldb + p] (transB true).
 * @internal
 */
export function packB(
  b: FloatArray,
  bOff: number,
  ldb: number,
  transB: boolean,
  p0: number,
  j0: number,
  kc: number,
  nc: number,
  out: Float64Array,
): void {
  const panels = Math.ceil(nc / NR);
  for (let jp = 0; jp < panels; jp++) {
    const base = jp * NR * kc;
    const cols = Math.min(NR, nc - jp * NR);
    const j = j0 + jp * NR;
    if (!transB && cols === NR) {
      let src = bOff + p0 * ldb + j;
      for (let p = 0, o = base; p < kc; p++, o += NR, src += ldb) {
        out[o] = b[src];
        out[o + 1] = b[src + 1];
        out[o + 2] = b[src + 2];
        out[o + 3] = b[src + 3];
      }
      continue;
    }
    if (transB && cols === NR) {
      const s0 = bOff + j * ldb + p0;
      const s1 = s0 + ldb;
      const s2 = s1 + ldb;
      const s3 = s2 + ldb;
      for (let p = 0, o = base; p < kc; p++, o += NR) {
        out[o] = b[s0 + p];
        out[o + 1] = b[s1 + p];
        out[o + 2] = b[s2 + p];
        out[o + 3] = b[s3 + p];
      }
      continue;
    }
    for (let jj = 0; jj < NR; jj++) {
      if (jj >= cols) {
        for (let p = 0; p < kc; p++) out[base + p * NR + jj] = 0;
        continue;
      }
      if (transB) {
        const src = bOff + (j + jj) * ldb + p0;
        for (let p = 0; p < kc; p++) out[base + p * NR + jj] = b[src + p];
      } else {
        let src = bOff + p0 * ldb + j + jj;
        for (let p = 0; p < kc; p++, src += ldb) out[base + p * NR + jj] = b[src];
      }
    }
  }
}

/**
 * The blocked loop shared by the products below: for every column panel j0 (NC wide), pass p0
 * over the summation index (KC deep) and row block i0 (MC tall), packs the blocks, computes
 * the block product alpha op(A)[i0.., p0..] op(B)[p0.., j0..] from zero into engine.cb
 * (row stride (nc + 3) & ~3), and hands it to `take(i0, mc, j0, nc, ncp)`.
 */
function forEachBlockProduct(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  aOff: number,
  lda: number,
  b: FloatArray,
  bOff: number,
  ldb: number,
  engine: GemmEngine,
  take: (i0: number, mc: number, j0: number, nc: number, ncp: number) => void,
): void {
  const { pa, pb } = engine;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    const ncp = (nc + 3) & ~3;
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      packB(b, bOff, ldb, transB, p0, j0, kc, nc, pb);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(a, aOff, lda, transA, alpha, i0, p0, mc, kc, pa);
        engine.macro(mc, nc, kc);
        take(i0, mc, j0, nc, ncp);
      }
    }
  }
}

/**
 * The blocked product on a float64 accumulator W (already holding beta C):
 * W += alpha op(A) op(B), in passes of KC over the summation index (each pass's block
 * product is computed from zero, then added into W).
 * @internal
 */
export function gemmAccumulate(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  aOff: number,
  lda: number,
  b: FloatArray,
  bOff: number,
  ldb: number,
  w: Float64Array,
  wOff: number,
  ldw: number,
  engine: GemmEngine = getEngine(),
): void {
  const cb = engine.cb;
  forEachBlockProduct(
    transA,
    transB,
    m,
    n,
    k,
    alpha,
    a,
    aOff,
    lda,
    b,
    bOff,
    ldb,
    engine,
    (i0, mc, j0, nc, ncp) => {
      for (let i = 0; i < mc; i++) {
        const wo = wOff + (i0 + i) * ldw + j0;
        const co = i * ncp;
        for (let j = 0; j < nc; j++) w[wo + j] += cb[co + j];
      }
    },
  );
}

/**
 * General matrix product, row-major (BLAS xGEMM):
 *
 *   C <- alpha op(A) op(B) + beta C,   C [m, n], op(A) [m, k], op(B) [k, n],
 *
 * with op(A) = A (transA false; A[i, p] = a[aOffset + i lda + p]) or A^T (transA true;
 * A[i, p] = a[aOffset + p lda + i]), and the same for B with ldb; C[i, j] = c[cOffset + i ldc + j].
 * Any mix of Float32Array and Float64Array: products and sums are float64 (float32 entries
 * are exact in float64), C is rounded to its own type once at the end. With beta = 0, C is
 * not read (NaN in C does not propagate). Each C entry is beta C + the float64 sum over p,
 * taken in passes of 256 (sequential within a pass), of (alpha A[i, p]) B[p, j].
 * Runs the WebAssembly SIMD micro-kernel when available, else the TypeScript one (same bits).
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  aOffset: number,
  lda: number,
  b: FloatArray,
  bOffset: number,
  ldb: number,
  beta: number,
  c: FloatArray,
  cOffset: number,
  ldc: number,
): void {
  checkDim("m", m);
  checkDim("n", n);
  checkDim("k", k);
  checkScalar("alpha", alpha);
  checkScalar("beta", beta);
  checkArray("A", a);
  checkArray("B", b);
  checkArray("C", c);
  checkView("A", a, aOffset, lda, transA ? k : m, transA ? m : k);
  checkView("B", b, bOffset, ldb, transB ? n : k, transB ? k : n);
  checkView("C", c, cOffset, ldc, m, n);
  if (m === 0 || n === 0) return;
  const direct = c instanceof Float64Array;
  if (!direct && k > 0 && k <= KC && alpha !== 0) {
    // one pass over the summation index: each block product goes straight into C as
    // (beta = 0 ? 0 : beta C) + block in float64, rounded once to C's type (the same operations,
    // in the same order, as the accumulator path below), without a float64 copy of all of C
    const engine = getEngine();
    const cb = engine.cb;
    forEachBlockProduct(
      transA,
      transB,
      m,
      n,
      k,
      alpha,
      a,
      aOffset,
      lda,
      b,
      bOffset,
      ldb,
      engine,
      (i0, mc, j0, nc, ncp) => {
        for (let i = 0; i < mc; i++) {
          const o = cOffset + (i0 + i) * ldc + j0;
          const q = i * ncp;
          if (beta === 0) for (let j = 0; j < nc; j++) c[o + j] = 0 + cb[q + j];
          else if (beta === 1) for (let j = 0; j < nc; j++) c[o + j] = c[o + j] + cb[q + j];
          else for (let j = 0; j < nc; j++) c[o + j] = beta * c[o + j] + cb[q + j];
        }
      },
    );
    return;
  }
  const w = direct ? (c as Float64Array) : new Float64Array(m * n);
  const wOff = direct ? cOffset : 0;
  const ldw = direct ? ldc : n;
  for (let i = 0; i < m; i++) {
    const wo = wOff + i * ldw;
    const co = cOffset + i * ldc;
    if (beta === 0) w.fill(0, wo, wo + n);
    else if (beta !== 1 || !direct) for (let j = 0; j < n; j++) w[wo + j] = beta * c[co + j];
  }
  if (k > 0 && alpha !== 0) {
    gemmAccumulate(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, w, wOff, ldw);
  }
  if (!direct) {
    for (let i = 0; i < m; i++) {
      const co = cOffset + i * ldc;
      const wo = i * n;
      for (let j = 0; j < n; j++) c[co + j] = w[wo + j];
    }
  }
}
