/**
 * Vector-Jacobian product of Scattering2D: the gradient with respect to x of
 * sum(dy · S(x)), by the adjoint of each step of Kymatio's 2-D scattering (reflect padding,
 * 2-D FFT, Fourier filtering and k×k periodisation, inverse FFT, modulus, low-pass,
 * subsampling and the one-pixel crop). Same structure as the 1-D vjp: a forward walk per
 * first-order wavelet, the second-order outputs recomputed from its modulus spectrum, the
 * adjoints applied in reverse.
 * @module
 */
import { ShapeError, type Tensor, checkTensor, shapeSize } from "@scatterkit/core";
import { complexPlan } from "@scatterkit/fft";
import type { Morlet2DFilterBank } from "@scatterkit/filter-banks";

/** What the 2-D vjp reads from a Scattering2D (its public fields). */
export interface Scattering2DLike {
  readonly J: number;
  readonly L: number;
  readonly maxOrder: number;
  readonly shape: readonly [number, number];
  readonly paddedShape: readonly [number, number];
  readonly padding: readonly [number, number, number, number];
  readonly outputShape: readonly [number, number];
  readonly nPaths: number;
  readonly filters: Morlet2DFilterBank;
}

/** 2-D complex FFT (forward, unnormalised) of an M × N interleaved row-major array, in place. */
export function fft2InPlace(a: Float64Array, M: number, N: number): void {
  if (N > 1) {
    const p = complexPlan(N);
    for (let r = 0; r < M; r++) p.forward(a, a, r * N, r * N);
  }
  if (M > 1) {
    const p = complexPlan(M);
    for (let c = 0; c < N; c++) p.forward(a, a, c, c, N, N);
  }
}

/** 2-D inverse complex FFT (scaled by 1 / (M N)) in place. */
export function ifft2InPlace(a: Float64Array, M: number, N: number): void {
  if (N > 1) {
    const p = complexPlan(N);
    for (let r = 0; r < M; r++) p.inverse(a, a, r * N, r * N);
  }
  if (M > 1) {
    const p = complexPlan(M);
    for (let c = 0; c < N; c++) p.inverse(a, a, c, c, N, N);
  }
}

/** dst[a, b] = (1/k²) Σ_{p,q<k} src[a + p M/k, b + q N/k] h[...] (complex src/dst, real h). */
function fold2(src: Float64Array, h: Float64Array, M: number, N: number, k: number, dst: Float64Array): void {
  const m = M / k;
  const n = N / k;
  dst.fill(0, 0, 2 * m * n);
  const inv = 1 / (k * k);
  for (let i = 0; i < M; i++) {
    const a = i % m;
    for (let j = 0; j < N; j++) {
      const w = h[i * N + j];
      if (w === 0) continue;
      const d = 2 * (a * n + (j % n));
      const s = 2 * (i * N + j);
      dst[d] += src[s] * w * inv;
      dst[d + 1] += src[s + 1] * w * inv;
    }
  }
}

/** Adjoint of {@link fold2}: dsrc[i, j] += h[i, j] / k² · ddst[i mod m, j mod n]. */
function fold2Adj(
  ddst: Float64Array,
  h: Float64Array,
  M: number,
  N: number,
  k: number,
  dsrc: Float64Array,
): void {
  const m = M / k;
  const n = N / k;
  const inv = 1 / (k * k);
  for (let i = 0; i < M; i++) {
    const a = i % m;
    for (let j = 0; j < N; j++) {
      const w = h[i * N + j] * inv;
      if (w === 0) continue;
      const d = 2 * (a * n + (j % n));
      const s = 2 * (i * N + j);
      dsrc[s] += ddst[d] * w;
      dsrc[s + 1] += ddst[d + 1] * w;
    }
  }
}

/** Index of numpy 'reflect' padding: padded position p (0-based) → source index in [0, n). */
function reflectIndex(p: number, before: number, n: number): number {
  let i = p - before;
  const period = 2 * (n - 1);
  if (n === 1) return 0;
  i = ((i % period) + period) % period;
  return i < n ? i : period - i;
}

/**
 * The gradient with respect to x of sum(dy · S.forward(x)) for a Scattering2D S; dy has
 * forward(x)'s shape, the result x's shape and float type.
 */
export function scattering2dVjp(S: Scattering2DLike, x: Tensor, dy: Tensor): Tensor {
  const t = checkTensor("x", x, { minRank: 2 });
  const [M, N] = S.shape;
  const r = t.shape.length;
  if (t.shape[r - 2] !== M || t.shape[r - 1] !== N) {
    throw new ShapeError("x.shape", t.shape, `a shape [...batch, ${M}, ${N}]`);
  }
  const d = checkTensor("dy", dy, { minRank: 3 });
  const [P, Q] = S.outputShape;
  const want = [...t.shape.slice(0, -2), S.nPaths, P, Q];
  if (d.shape.length !== want.length || d.shape.some((s, i) => s !== want[i])) {
    throw new ShapeError("dy.shape", d.shape, `forward(x)'s shape [${want}]`);
  }
  const { J, L } = S;
  const [Mp, Np] = S.paddedShape;
  const [top, , left] = S.padding;
  const { psi, phi } = S.filters;
  const batch = shapeSize(t.shape.slice(0, -2));
  const gx = new Float64Array(batch * M * N);
  const rowSrc = Int32Array.from({ length: Mp }, (_, p) => reflectIndex(p, top, M));
  const colSrc = Int32Array.from({ length: Np }, (_, p) => reflectIndex(p, left, N));
  const block = P * Q;
  const Mo = Mp >> J;
  const No = Np >> J;

  // output channel of every path
  const ch1 = (n1: number) => 1 + n1;
  const ch2 = new Map<number, number>();
  let ch = 1 + J * L;
  if (S.maxOrder === 2) {
    for (let n1 = 0; n1 < psi.length; n1++) {
      for (let n2 = 0; n2 < psi.length; n2++) if (psi[n2].j > psi[n1].j) ch2.set(n1 * psi.length + n2, ch++);
    }
  }

  /** dU-hat contribution of a low-pass + subsampling by 2^(J - j) + crop, output channel c. */
  const lowpassAdj = (
    off: number,
    c: number,
    m: number,
    n: number,
    h: Float64Array,
    k: number,
    dUhat: Float64Array,
  ) => {
    const g = new Float64Array(2 * Mo * No);
    for (let i = 0; i < P; i++) {
      for (let j = 0; j < Q; j++)
        g[2 * ((i + 1) * No + (j + 1))] = d.data[off + c * block + i * Q + j] / (Mo * No);
    }
    fft2InPlace(g, Mo, No);
    fold2Adj(g, h, m, n, k, dUhat);
  };

  for (let b = 0; b < batch; b++) {
    const off = b * S.nPaths * block;
    // forward: padded image and its spectrum
    const X = new Float64Array(2 * Mp * Np);
    const xo = b * M * N;
    for (let i = 0; i < Mp; i++)
      for (let j = 0; j < Np; j++) X[2 * (i * Np + j)] = t.data[xo + rowSrc[i] * N + colSrc[j]];
    fft2InPlace(X, Mp, Np);
    const dX = new Float64Array(2 * Mp * Np);
    lowpassAdj(off, 0, Mp, Np, phi.levels[0], 2 ** J, dX);

    for (let n1 = 0; n1 < psi.length; n1++) {
      const j1 = psi[n1].j;
      const m1 = Mp >> j1;
      const q1 = Np >> j1;
      const z1 = new Float64Array(2 * m1 * q1);
      fold2(X, psi[n1].levels[0], Mp, Np, 2 ** j1, z1);
      ifft2InPlace(z1, m1, q1);
      const U1hat = new Float64Array(2 * m1 * q1);
      for (let i = 0; i < m1 * q1; i++) U1hat[2 * i] = Math.sqrt(z1[2 * i] ** 2 + z1[2 * i + 1] ** 2);
      fft2InPlace(U1hat, m1, q1);
      const dU1hat = new Float64Array(2 * m1 * q1);
      lowpassAdj(off, ch1(n1), m1, q1, phi.levels[j1], 2 ** (J - j1), dU1hat);
      if (S.maxOrder === 2) {
        for (let n2 = 0; n2 < psi.length; n2++) {
          const j2 = psi[n2].j;
          if (j2 <= j1) continue;
          const c = ch2.get(n1 * psi.length + n2) as number;
          const k = 2 ** (j2 - j1);
          const m2 = m1 / k;
          const q2 = q1 / k;
          const h2 = psi[n2].levels[j1];
          const z2 = new Float64Array(2 * m2 * q2);
          fold2(U1hat, h2, m1, q1, k, z2);
          ifft2InPlace(z2, m2, q2);
          const dU2hat = new Float64Array(2 * m2 * q2);
          lowpassAdj(off, c, m2, q2, phi.levels[j2], 2 ** (J - j2), dU2hat);
          ifft2InPlace(dU2hat, m2, q2);
          const size2 = m2 * q2;
          // dz2 = dU2 · z2 / |z2|, then the adjoint of ifft2 (fft2 / size)
          for (let i = 0; i < size2; i++) {
            const re = z2[2 * i];
            const im = z2[2 * i + 1];
            const rr = Math.sqrt(re * re + im * im);
            const gU = dU2hat[2 * i]; // Re(size2 · ifft2(dU2hat)) / size2
            dU2hat[2 * i] = rr === 0 ? 0 : (gU * re) / rr;
            dU2hat[2 * i + 1] = rr === 0 ? 0 : (gU * im) / rr;
          }
          fft2InPlace(dU2hat, m2, q2);
          fold2Adj(dU2hat, h2, m1, q1, k, dU1hat);
        }
      }
      ifft2InPlace(dU1hat, m1, q1);
      const size1 = m1 * q1;
      for (let i = 0; i < size1; i++) {
        const re = z1[2 * i];
        const im = z1[2 * i + 1];
        const rr = Math.sqrt(re * re + im * im);
        const gU = dU1hat[2 * i];
        dU1hat[2 * i] = rr === 0 ? 0 : (gU * re) / rr;
        dU1hat[2 * i + 1] = rr === 0 ? 0 : (gU * im) / rr;
      }
      fft2InPlace(dU1hat, m1, q1);
      fold2Adj(dU1hat, psi[n1].levels[0], Mp, Np, 2 ** j1, dX);
    }
    // X = fft2(pad(x)): gradient Re(Mp Np · ifft2(dX)), folded back through the padding
    ifft2InPlace(dX, Mp, Np);
    const s0 = Mp * Np;
    for (let i = 0; i < Mp; i++) {
      for (let j = 0; j < Np; j++) gx[xo + rowSrc[i] * N + colSrc[j]] += s0 * dX[2 * (i * Np + j)];
    }
  }
  return { data: t.data instanceof Float32Array ? Float32Array.from(gx) : gx, shape: [...t.shape] };
}
