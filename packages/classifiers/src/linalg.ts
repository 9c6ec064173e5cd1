/**
 * Dense linear algebra on typed arrays (row-major, float64 accumulation).
 *
 * Kernels are plain loops with no allocation inside: `X` stays in its own float type
 * (Float32Array or Float64Array, never copied), the small factors are Float64Array.
 * @internal
 */
import { type FloatArray, ScatterkitError } from "@scatterkit/core";
import { gemm, gemv, syrk } from "@scatterkit/linalg";

/** Column means of X [n, d] (float64, two-pass compensated: mean + mean of residuals). */
export function columnMeans(x: FloatArray, n: number, d: number): Float64Array {
  const mu = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) mu[j] += x[o + j];
  }
  for (let j = 0; j < d; j++) mu[j] /= n;
  // one correction pass removes the rounding of the first sum
  const corr = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) corr[j] += x[o + j] - mu[j];
  }
  for (let j = 0; j < d; j++) mu[j] += corr[j] / n;
  return mu;
}

/**
 * out [n, l] = (X - 1 mu^T) B with X [n, d], B [d, l] row-major; `mu` may be null
 * (no centring). Computed as X B - 1 (mu^T B) with @scatterkit/linalg's gemm.
 */
export function mulXB(
  x: FloatArray,
  n: number,
  d: number,
  b: Float64Array,
  l: number,
  mu: Float64Array | null,
  out: Float64Array,
): Float64Array {
  gemm(false, false, n, l, d, 1, x, 0, d, b, 0, l, 0, out, 0, l);
  if (mu) {
    const shift = new Float64Array(l);
    gemv(true, d, l, 1, b, 0, l, mu, 0, 1, 0, shift, 0, 1);
    for (let i = 0; i < n; i++) {
      const oo = i * l;
      for (let c = 0; c < l; c++) out[oo + c] -= shift[c];
    }
  }
  return out;
}

/**
 * Scatter matrix S [d, d] = sum_i (x_i - mu)(x_i - mu)^T over rows `rows` of X
 * (all rows when null). Rows are centred into a float64 block of 256 rows, and each
 * block's Gram matrix of columns is added by @scatterkit/linalg's syrk (exactly symmetric).
 */
export function scatterMatrix(
  x: FloatArray,
  d: number,
  rows: ArrayLike<number>,
  mu: Float64Array,
): Float64Array {
  const s = new Float64Array(d * d);
  const B = 256;
  const m = rows.length;
  const blk = new Float64Array(Math.min(B, Math.max(1, m)) * d);
  for (let r0 = 0; r0 < m; r0 += B) {
    const nb = Math.min(B, m - r0);
    for (let r = 0; r < nb; r++) {
      const xo = rows[r0 + r] * d;
      const bo = r * d;
      for (let j = 0; j < d; j++) blk[bo + j] = x[xo + j] - mu[j];
    }
    syrk(true, d, nb, 1, blk, 0, d, r0 === 0 ? 0 : 1, s, 0, d);
  }
  return s;
}

/**
 * Gram matrix G [m, m] = (X_rows - 1 mu^T)(X_rows - 1 mu^T)^T for the rows `rows` of X
 * (centred rows copied into float64, then @scatterkit/linalg's syrk).
 */
export function gramMatrix(
  x: FloatArray,
  d: number,
  rows: ArrayLike<number>,
  mu: Float64Array,
): Float64Array {
  const m = rows.length;
  const c = new Float64Array(m * d);
  for (let r = 0; r < m; r++) {
    const xo = rows[r] * d;
    for (let j = 0; j < d; j++) c[r * d + j] = x[xo + j] - mu[j];
  }
  const g = new Float64Array(m * m);
  syrk(false, m, d, 1, c, 0, d, 0, g, 0, m);
  return g;
}

/**
 * Eigen-decomposition of a symmetric matrix A [m, m] (row-major, not modified):
 * A = V diag(values) V^T. Householder reduction to tridiagonal form followed by
 * the implicit QL algorithm with Wilkinson shifts (EISPACK tred2/tql2; Golub & Van
 * Loan, Matrix Computations, 8.3). Returns eigenvalues in DEcreasing order and the
 * eigenvectors as ROWS of `vectors` [m, m] (row r is the unit eigenvector of values[r]).
 */
export function symmetricEigen(a: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const V = Float64Array.from(a.subarray(0, m * m));
  const dd = new Float64Array(m);
  const e = new Float64Array(m);
  if (m === 1) {
    return { values: Float64Array.of(a[0]), vectors: Float64Array.of(1) };
  }
  // --- Householder tridiagonalisation (on the transposed storage, see below) ---
  for (let j = 0; j < m; j++) dd[j] = V[j * m + (m - 1)];
  for (let i = m - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(dd[k]);
    if (scale === 0) {
      e[i] = dd[i - 1];
      for (let j = 0; j < i; j++) {
        dd[j] = V[j * m + (i - 1)];
        V[j * m + i] = 0;
        V[i * m + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        dd[k] /= scale;
        h += dd[k] * dd[k];
      }
      let f = dd[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      dd[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = dd[j];
        V[i * m + j] = f;
        g = e[j] + V[j * m + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[j * m + k] * dd[k];
          e[k] += V[j * m + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * dd[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * dd[j];
      for (let j = 0; j < i; j++) {
        f = dd[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[j * m + k] -= f * e[k] + g * dd[k];
        dd[j] = V[j * m + (i - 1)];
        V[j * m + i] = 0;
      }
    }
    dd[i] = h;
  }
  // accumulate the transformations
  for (let i = 0; i < m - 1; i++) {
    V[i * m + (m - 1)] = V[i * m + i];
    V[i * m + i] = 1;
    const h = dd[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) dd[k] = V[(i + 1) * m + k] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[(i + 1) * m + k] * V[j * m + k];
        for (let k = 0; k <= i; k++) V[j * m + k] -= g * dd[k];
      }
    }
    for (let k = 0; k <= i; k++) V[(i + 1) * m + k] = 0;
  }
  for (let j = 0; j < m; j++) {
    dd[j] = V[j * m + (m - 1)];
    V[j * m + (m - 1)] = 0;
  }
  V[(m - 1) * m + (m - 1)] = 1;
  e[0] = 0;

  // V is stored transposed (V[j*m + i] holds element (i, j) of the EISPACK matrix), so that
  // the O(m^3) loops above run along rows; its rows are the eigenvector columns, as QL needs.
  const W = V;

  // --- implicit QL iterations on the tridiagonal matrix (dd, e) ---
  for (let i = 1; i < m; i++) e[i - 1] = e[i];
  e[m - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < m; l++) {
    tst1 = Math.max(tst1, Math.abs(dd[l]) + Math.abs(e[l]));
    let mm = l;
    while (mm < m) {
      if (Math.abs(e[mm]) <= eps * tst1) break;
      mm++;
    }
    if (mm > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new ScatterkitError("symmetricEigen: QL iteration did not converge");
        let g = dd[l];
        let p = (dd[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        dd[l] = e[l] / (p + r);
        dd[l + 1] = e[l] * (p + r);
        const dl1 = dd[l + 1];
        let h = g - dd[l];
        for (let i = l + 2; i < m; i++) dd[i] -= h;
        f += h;
        p = dd[mm];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = mm - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * dd[i] - s * g;
          dd[i + 1] = h + s * (c * g + s * dd[i]);
          const o0 = i * m;
          const o1 = (i + 1) * m;
          for (let k = 0; k < m; k++) {
            const hk = W[o1 + k];
            W[o1 + k] = s * W[o0 + k] + c * hk;
            W[o0 + k] = c * W[o0 + k] - s * hk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        dd[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    dd[l] += f;
    e[l] = 0;
  }
  // sort decreasing
  const order = Array.from({ length: m }, (_, i) => i).sort((p, q) => dd[q] - dd[p]);
  const values = new Float64Array(m);
  const vectors = new Float64Array(m * m);
  for (let r = 0; r < m; r++) {
    values[r] = dd[order[r]];
    vectors.set(W.subarray(order[r] * m, order[r] * m + m), r * m);
  }
  return { values, vectors };
}

/**
 * out [n, l] = X W^T (+ 1 bias^T) for X [n, d] (any float type) and W [l, d]
 * (@scatterkit/linalg's gemm).
 */
export function mulXWt(
  x: FloatArray,
  n: number,
  d: number,
  w: Float64Array,
  l: number,
  bias: Float64Array | null,
  out: Float64Array,
): Float64Array {
  gemm(false, true, n, l, d, 1, x, 0, d, w, 0, d, 0, out, 0, l);
  if (bias) {
    for (let i = 0; i < n; i++) {
      const o = i * l;
      for (let c = 0; c < l; c++) out[o + c] += bias[c];
    }
  }
  return out;
}

/** out [l, d] = Y^T X for X [n, d] and Y [n, l] (overwrites out; @scatterkit/linalg's gemm). */
export function mulYtX(
  x: FloatArray,
  n: number,
  d: number,
  y: Float64Array,
  l: number,
  out: Float64Array,
): Float64Array {
  gemm(true, false, l, d, n, 1, y, 0, l, x, 0, d, 0, out, 0, d);
  return out;
}

/** Orthonormalises the rows of A [rows, cols] in place (modified Gram-Schmidt, two passes); a vanishing row is set to zero. */
export function orthonormalizeRows(a: Float64Array, rows: number, cols: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let r = 0; r < rows; r++) {
      const ro = r * cols;
      for (let p = 0; p < r; p++) {
        const po = p * cols;
        let dot = 0;
        for (let j = 0; j < cols; j++) dot += a[ro + j] * a[po + j];
        for (let j = 0; j < cols; j++) a[ro + j] -= dot * a[po + j];
      }
      let nrm = 0;
      for (let j = 0; j < cols; j++) nrm += a[ro + j] * a[ro + j];
      nrm = Math.sqrt(nrm);
      const inv = nrm > 1e-300 ? 1 / nrm : 0;
      for (let j = 0; j < cols; j++) a[ro + j] *= inv;
    }
  }
}

/**
 * Row-wise index of the best entry of a row-major [n, k] matrix: the largest
 * (`mode` "max") or smallest ("min") value of each row, the first one on ties.
 */
export function argBestRows(values: Float64Array, n: number, k: number, mode: "max" | "min"): Int32Array {
  const out = new Int32Array(n);
  const max = mode === "max";
  for (let i = 0, o = 0; i < n; i++, o += k) {
    let best = 0;
    let v = values[o];
    for (let c = 1; c < k; c++) {
      const w = values[o + c];
      if (max ? w > v : w < v) {
        best = c;
        v = w;
      }
    }
    out[i] = best;
  }
  return out;
}
