/**
 * Vector-Jacobian product of Scattering1D: the gradient with respect to x of
 * sum(dy · S(x)), by the adjoint of each step of Kymatio's 1-D scattering (reflect padding,
 * FFT, Fourier filtering and periodisation, inverse FFT, modulus, low-pass and unpadding).
 *
 * One forward walk records each first-order wavelet output z1 = x ⋆ ψ1 (subsampled) and the
 * spectrum of |z1|; the backward walk recomputes each second-order z2 = |z1| ⋆ ψ2 from it and
 * applies the adjoints: low-pass and unpadding adjoints, the modulus' derivative
 * dz = dU · z / |z|, the adjoint of filtering + periodisation (tile the folds, divide by the
 * factor, multiply by the real filter), and of the padding. About three forward passes.
 * @module
 */
import { type FloatArray, ShapeError, type Tensor, checkTensor, shapeSize } from "@scatterkit/core";
import { type FilterBank1D, periodizeFourier } from "@scatterkit/filter-banks";
import { reflectPadAdj, reflectPadInto } from "../jtfs/filters";
import { fftInPlace, filterFold, filterFoldAdj, ifftInPlace, modulusAdj } from "../jtfs/ops";

/** What the 1-D vjp reads from a Scattering1D (its public fields). */
export interface Scattering1DLike {
  readonly N: number;
  readonly filters: FilterBank1D;
  readonly padding: {
    nPadded: number;
    padLeft: number;
    padRight: number;
    indStart: number[];
    indEnd: number[];
  };
  readonly log2Stride: number;
  readonly average: "local" | "global";
  readonly maxOrder: 1 | 2;
  readonly nPaths: number;
  readonly outputLength: number;
  meta(): { order: number[]; n: number[][] };
}

interface Plan1D {
  rows1: number[];
  rows2: Map<number, number>[]; // per n1: n2 -> output row
}

const plans = new WeakMap<Scattering1DLike, Plan1D>();

function planOf(S: Scattering1DLike): Plan1D {
  let p = plans.get(S);
  if (!p) {
    const m = S.meta();
    const rows1: number[] = [];
    const rows2: Map<number, number>[] = S.filters.psi1.map(() => new Map());
    m.n.forEach((n, row) => {
      if (n.length === 1) rows1[n[0]] = row;
      else if (n.length === 2) rows2[n[0]].set(n[1], row);
    });
    p = { rows1, rows2 };
    plans.set(S, p);
  }
  return p;
}

/** Filter f at level k (periodised from level 0 when not stored). */
function level(f: { levels: Float64Array[] }, k: number): Float64Array {
  return k < f.levels.length ? f.levels[k] : periodizeFourier(f.levels[0], 2 ** k);
}

/**
 * Adds to the spectrum gradient dUhat (complex, length M) the adjoint of
 * v = unpad(Re(ifft(fold(Uhat · h, F)))) for the output gradient dv (Nout values from dy[off]).
 */
function lowpassAdjSpectrum(
  dy: FloatArray,
  off: number,
  nOut: number,
  i0: number,
  M: number,
  h: Float64Array,
  F: number,
  dUhat: Float64Array,
): void {
  const Mo = M / F;
  const g = new Float64Array(2 * Mo);
  for (let i = 0; i < nOut; i++) g[2 * (i0 + i)] = dy[off + i] / Mo;
  fftInPlace(g, Mo);
  filterFoldAdj(g, h, M, F, dUhat);
}

/**
 * The gradient with respect to x of sum(dy · S.forward(x)) for a Scattering1D S; dy has
 * forward(x)'s shape, the result x's shape and float type.
 */
export function scattering1dVjp(S: Scattering1DLike, x: Tensor, dy: Tensor): Tensor {
  const t = checkTensor("x", x, { minRank: 1 });
  if (t.shape[t.shape.length - 1] !== S.N) {
    throw new ShapeError("x.shape", t.shape, `a shape [...batch, ${S.N}]`);
  }
  const d = checkTensor("dy", dy, { minRank: 1 });
  const want = [...t.shape.slice(0, -1), S.nPaths, S.outputLength];
  if (d.shape.length !== want.length || d.shape.some((s, i) => s !== want[i])) {
    throw new ShapeError("dy.shape", d.shape, `forward(x)'s shape [${want}]`);
  }
  const plan = planOf(S);
  const batch = shapeSize(t.shape.slice(0, -1));
  const N = S.N;
  const gx = new Float64Array(batch * N);
  const { phi, psi1, psi2 } = S.filters;
  const { nPadded: Np, padLeft, padRight } = S.padding;
  const ls = S.log2Stride;
  const local = S.average === "local";
  const L = S.outputLength;
  const i0 = local ? S.padding.indStart[ls] : 0;
  const P = S.nPaths;
  const xp = new Float64Array(Np);
  for (let b = 0; b < batch; b++) {
    const dOff = b * P * L;
    reflectPadInto(t.data, b * N, N, padLeft, padRight, xp);
    const X = new Float64Array(2 * Np);
    for (let i = 0; i < Np; i++) X[2 * i] = xp[i];
    fftInPlace(X, Np);
    const dX = new Float64Array(2 * Np);
    const dxp = new Float64Array(Np);
    // order 0
    if (local) lowpassAdjSpectrum(d.data, dOff, L, i0, Np, phi.levels[0], 2 ** ls, dX);
    else for (let i = 0; i < Np; i++) dxp[i] += d.data[dOff];

    for (let n1 = 0; n1 < psi1.length; n1++) {
      const j1 = psi1[n1].j;
      const k1 = local ? Math.min(j1, ls) : j1;
      const M1 = Np >> k1;
      // forward: z1 = ifft(fold(X ψ1, 2^k1)), U1 = |z1|, U1hat = fft(U1)
      const z1 = new Float64Array(2 * M1);
      filterFold(X, psi1[n1].levels[0], Np, 2 ** k1, z1);
      ifftInPlace(z1, M1);
      const U1hat = new Float64Array(2 * M1);
      for (let i = 0; i < M1; i++) U1hat[2 * i] = Math.sqrt(z1[2 * i] ** 2 + z1[2 * i + 1] ** 2);
      fftInPlace(U1hat, M1);
      const dU1hat = new Float64Array(2 * M1);
      const dU1 = new Float64Array(M1);
      const row1 = plan.rows1[n1];
      if (local) {
        const kT = Math.max(ls - k1, 0);
        lowpassAdjSpectrum(d.data, dOff + row1 * L, L, i0, M1, level(phi, k1), 2 ** kT, dU1hat);
      } else {
        const g = d.data[dOff + row1];
        for (let i = 0; i < M1; i++) dU1[i] += g;
      }
      if (S.maxOrder === 2) {
        for (const [n2, row2] of plan.rows2[n1]) {
          const j2 = psi2[n2].j;
          const sub2 = local ? Math.min(j2, ls) : j2;
          const k2 = Math.max(sub2 - k1, 0);
          const M2 = M1 >> k2;
          const h2 = level(psi2[n2], k1);
          const z2 = new Float64Array(2 * M2);
          filterFold(U1hat, h2, M1, 2 ** k2, z2);
          ifftInPlace(z2, M2);
          const dU2 = new Float64Array(M2);
          if (local) {
            const kT2 = Math.max(ls - sub2, 0);
            const dU2hat = new Float64Array(2 * M2);
            lowpassAdjSpectrum(d.data, dOff + row2 * L, L, i0, M2, level(phi, k1 + k2), 2 ** kT2, dU2hat);
            ifftInPlace(dU2hat, M2);
            for (let i = 0; i < M2; i++) dU2[i] = M2 * dU2hat[2 * i];
          } else {
            dU2.fill(d.data[dOff + row2]);
          }
          const dz2 = new Float64Array(2 * M2);
          modulusAdj(z2, 0, dU2, 0, M2, dz2, 0);
          for (let i = 0; i < 2 * M2; i++) dz2[i] /= M2;
          fftInPlace(dz2, M2);
          filterFoldAdj(dz2, h2, M1, 2 ** k2, dU1hat);
        }
      }
      ifftInPlace(dU1hat, M1);
      for (let i = 0; i < M1; i++) dU1[i] += M1 * dU1hat[2 * i];
      const dz1 = new Float64Array(2 * M1);
      modulusAdj(z1, 0, dU1, 0, M1, dz1, 0);
      for (let i = 0; i < 2 * M1; i++) dz1[i] /= M1;
      fftInPlace(dz1, M1);
      filterFoldAdj(dz1, psi1[n1].levels[0], Np, 2 ** k1, dX);
    }
    ifftInPlace(dX, Np);
    for (let i = 0; i < Np; i++) dxp[i] += Np * dX[2 * i];
    reflectPadAdj(dxp, N, padLeft, padRight, gx, b * N);
  }
  return { data: t.data instanceof Float32Array ? Float32Array.from(gx) : gx, shape: [...t.shape] };
}
