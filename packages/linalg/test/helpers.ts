/** Seeded uniform generator in [-0.5, 0.5) (LCG; deterministic test data). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** A typed array of `len` random entries (float32 values are exact float32 numbers). */
export function randomArray(len: number, f32: boolean, seed: number): Float32Array | Float64Array {
  const r = rng(seed);
  const a = f32 ? new Float32Array(len) : new Float64Array(len);
  for (let i = 0; i < len; i++) a[i] = r();
  return a;
}

/**
 * Naive triple loop: C[i,j] = alpha sum_p opA[i,p] opB[p,j] + beta C[i,j] in float64
 * (returned as a new Float64Array [m, n], dense).
 */
export function naiveGemm(
  tA: boolean,
  tB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: ArrayLike<number>,
  aOff: number,
  lda: number,
  b: ArrayLike<number>,
  bOff: number,
  ldb: number,
  beta: number,
  c: ArrayLike<number>,
  cOff: number,
  ldc: number,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        const bv = tB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        s += av * bv;
      }
      out[i * n + j] = alpha * s + (beta === 0 ? 0 : beta * c[cOff + i * ldc + j]);
    }
  }
  return out;
}
