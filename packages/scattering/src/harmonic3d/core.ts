/**
 * Core of HarmonicScattering3D: the path walk (Kymatio's `scattering3d` core, integral method).
 *
 *   U1[j1, l] = sqrt(Σ_m |x ⋆ ψ_{j1,l,m}|²)                   paths j1 = 0..J
 *   U2[j1, j2, l] = sqrt(Σ_m |U1[j1, l] ⋆ ψ_{j2,l,m}|²)        paths (j1, j2), j2 > j1
 *   S[path, l, q] = Σ_u U[path, l](u)^{p_q}
 *
 * Work is shared in pairs: two volumes share one forward FFT, two scales share the m = 0
 * inverse FFT of their moduli (`modulus2`), and two first-order moduli share the forward FFT
 * that feeds their second-order children. With J even, the last first-order scale has no
 * partner and waits for an unpaired second-order modulus of the same l. The walk allocates
 * nothing: buffers, filters and kernels live in the backend.
 * @module
 */
import type { FloatArray } from "@scatterkit/core";
import type { Backend3D } from "./backend";

/** Output layout of one HarmonicScattering3D. */
export interface Layout3D {
  J: number;
  L: number;
  maxOrder: number;
  /** Number of integral powers (the last output axis). */
  nPowers: number;
  /** Number of paths: (J + 1) first order, plus J (J + 1) / 2 second order when maxOrder = 2. */
  nPaths: number;
}

/** Output path index of (j1, j2), j2 > j1: after the J + 1 first-order paths, lexicographic. */
export function path2(J: number, j1: number, j2: number): number {
  let p = J + 1;
  for (let j = 0; j < j1; j++) p += J - j;
  return p + (j2 - j1 - 1);
}

/** Volumes b0 .. b1-1 of `data` into `out` (volume b at b · per); two real volumes share one FFT. */
export function scatter3D(
  lay: Layout3D,
  be: Backend3D,
  data: FloatArray,
  b0: number,
  b1: number,
  out: FloatArray,
): void {
  const { X, XA, XB } = be;
  const V = be.acc.length;
  const per = lay.nPaths * (lay.L + 1) * lay.nPowers;
  for (let b = b0; b < b1; b += 2) {
    const pair = b + 1 < b1;
    const oa = b * V;
    const ob = oa + V;
    for (let v = 0; v < V; v++) {
      X[2 * v] = data[oa + v];
      X[2 * v + 1] = pair ? data[ob + v] : 0;
    }
    be.fft.run(X, false);
    if (pair) {
      be.split(X, XA, XB);
      scatterOne(lay, be, XA, out, b * per);
      scatterOne(lay, be, XB, out, (b + 1) * per);
    } else {
      XA.set(X);
      scatterOne(lay, be, XA, out, b * per);
    }
  }
}

/** All paths of one volume from its spectrum X. */
function scatterOne(lay: Layout3D, be: Backend3D, X: Float64Array, out: FloatArray, base: number): void {
  const { J, L, maxOrder } = lay;
  const { U1, SA, SB } = be;
  const V = be.acc.length;
  const P = lay.nPowers;
  const stride = (L + 1) * P;
  // Second order of (l, j1) from the spectrum of U1[l, j1]; two j2 at a time.
  const second = (spec: Float64Array, l: number, j1: number) => {
    for (let j2 = j1 + 1; j2 <= J; j2 += 2) {
      if (j2 + 1 <= J) {
        be.modulus2(spec, j2, spec, j2 + 1, l);
        be.integrals(out, base + path2(J, j1, j2) * stride + l * P, be.acc);
        be.integrals(out, base + path2(J, j1, j2 + 1) * stride + l * P, be.acc2);
      } else if (firstSingle) {
        // Shares its m = 0 inverse FFT with the unpaired first-order modulus (X, l, J).
        be.modulus2(X, J, spec, j2, l);
        be.integrals(out, base + J * stride + l * P, be.acc);
        be.integrals(out, base + path2(J, j1, j2) * stride + l * P, be.acc2);
        firstSingle = false;
      } else {
        be.modulus(spec, l, j2);
        be.integrals(out, base + path2(J, j1, j2) * stride + l * P, be.acc);
      }
    }
  };
  // With J even, the first-order modulus (X, l, J) has no partner among the first-order
  // scales (and no children): it waits for an unpaired second-order modulus of the same l.
  let firstSingle = false;
  for (let l = 0; l <= L; l++) {
    firstSingle = J % 2 === 0;
    let pending = -1; // j1 whose modulus sits in the real part of U1
    const keep = (acc: Float64Array, j1: number) => {
      if (maxOrder < 2 || j1 === J) return;
      if (pending < 0) {
        for (let v = 0; v < V; v++) U1[2 * v] = acc[v];
        pending = j1;
        return;
      }
      // Two first-order moduli share one forward FFT.
      for (let v = 0; v < V; v++) U1[2 * v + 1] = acc[v];
      be.fft.run(U1, false);
      be.split(U1, SA, SB);
      const p = pending;
      pending = -1;
      second(SA, l, p);
      second(SB, l, j1);
    };
    for (let j1 = 0; j1 <= J; j1 += 2) {
      if (j1 + 1 <= J) {
        be.modulus2(X, j1, X, j1 + 1, l);
        be.integrals(out, base + j1 * stride + l * P, be.acc);
        be.integrals(out, base + (j1 + 1) * stride + l * P, be.acc2);
        // keep() may run second-order moduli (which overwrite acc/acc2): copy B first.
        be.accB.set(be.acc2);
        keep(be.acc, j1);
        keep(be.accB, j1 + 1);
      }
      // else: j1 = J alone (firstSingle), computed with a second-order partner or below.
    }
    if (pending >= 0) {
      for (let v = 0; v < V; v++) U1[2 * v + 1] = 0;
      be.fft.run(U1, false);
      second(U1, l, pending);
    }
    if (firstSingle) {
      be.modulus(X, l, J);
      be.integrals(out, base + J * stride + l * P, be.acc);
      firstSingle = false;
    }
  }
}
