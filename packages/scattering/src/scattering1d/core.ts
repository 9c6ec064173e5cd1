/**
 * Core of Scattering1D: the scattering tree (Kymatio's `scattering1d` core) and its walk.
 *
 *   order 0:  x ⋆ φ
 *   order 1:  |x ⋆ ψ1[n1]| ⋆ φ                 for every n1 (decreasing centre frequency)
 *   order 2:  ||x ⋆ ψ1[n1]| ⋆ ψ2[n2]| ⋆ φ       for every n1, then n2 with j2 > j1
 *
 * Each wavelet output is subsampled by 2^k1 (then 2^k2) as soon as its bandwidth allows, up
 * to the output stride; φ then subsamples the rest of the way (kT). With T = 'global' each
 * path is summed over the padded signal instead. `planTree1D` fixes every path's filters and
 * subsampling once; `scatter1D` walks that tree for one signal, one path at a time, writing
 * each path's row of the output. The walk allocates nothing: buffers live in the backend.
 * @module
 */
import type { FloatArray } from "@scatterkit/core";
import type { FilterBank1D } from "@scatterkit/filter-banks";
import type { Backend1D } from "./backend";
import type { SparseResponse } from "./sparse-filter";

/** One output path: its order, wavelet indices n and scales j, and its output row. */
export interface Path1D {
  order: number;
  n: number[];
  j: number[];
  /** Output row of this path in the 'array' layout. */
  row: number;
}

/** A second-order child (n1, n2) of a first-order path. */
export interface SecondOrder1D {
  n2: number;
  row: number;
  /** psi2[n2] at level k1, sparse. */
  psi: SparseResponse;
  k2: number;
  /** phi at level k1 + k2 (local averaging only). */
  phi: SparseResponse | null;
  /** extra subsampling after φ (local averaging only). */
  kT: number;
}

/** A first-order path n1 and its second-order children. */
export interface FirstOrder1D {
  n1: number;
  row: number;
  psi: SparseResponse;
  k1: number;
  phi: SparseResponse | null;
  kT: number;
  second: SecondOrder1D[];
}

/** The scattering tree of one Scattering1D: paths in output order and the walk's plan. */
export interface Tree1D {
  /** Every output path in output order (row i is paths[i]). */
  paths: Path1D[];
  /** Order 0: phi at level 0 followed by the output subsampling (local averaging only). */
  phi0: SparseResponse | null;
  first: FirstOrder1D[];
  /** True for local averaging (φ then stride), false for T = 'global' (sum over time). */
  local: boolean;
  /** log2 of the output sampling step (local averaging). */
  log2Stride: number;
  /** Output samples per path. */
  outputLength: number;
}

/**
 * The tree of paths for a filter bank: order 0, order 1 by n1, then (n1, n2) with j2 > j1
 * (maxOrder 2), with each path's sparse filters taken from the backend.
 */
export function planTree1D(
  bank: FilterBank1D,
  be: Backend1D,
  opts: { local: boolean; log2Stride: number; maxOrder: 1 | 2; outputLength: number },
): Tree1D {
  const { psi1, psi2 } = bank;
  const { local, maxOrder, outputLength } = opts;
  const ls = opts.log2Stride;
  const paths: Path1D[] = [{ order: 0, n: [], j: [], row: 0 }];
  const phi0 = local ? be.phi(0, ls) : null;
  const first: FirstOrder1D[] = [];
  for (let n1 = 0; n1 < psi1.length; n1++) {
    const j1 = psi1[n1].j;
    const k1 = local ? Math.min(j1, ls) : j1;
    const kT = local ? Math.max(ls - k1, 0) : 0;
    first.push({
      n1,
      row: -1,
      psi: be.psi1(n1, k1),
      k1,
      phi: local ? be.phi(k1, kT) : null,
      kT,
      second: [],
    });
  }
  let row = 1;
  for (const fo of first) {
    fo.row = row++;
    paths.push({ order: 1, n: [fo.n1], j: [psi1[fo.n1].j], row: fo.row });
  }
  if (maxOrder === 2) {
    for (const fo of first) {
      const j1 = psi1[fo.n1].j;
      for (let n2 = 0; n2 < psi2.length; n2++) {
        const j2 = psi2[n2].j;
        if (!(j2 > j1)) continue;
        const sub2 = local ? Math.min(j2, ls) : j2;
        const k2 = Math.max(sub2 - fo.k1, 0);
        const kT = local ? Math.max(ls - sub2, 0) : 0;
        const so: SecondOrder1D = {
          n2,
          row: row++,
          psi: be.psi2(n2, fo.k1, k2),
          k2,
          phi: local ? be.phi(fo.k1 + k2, kT) : null,
          kT,
        };
        fo.second.push(so);
        paths.push({ order: 2, n: [fo.n1, n2], j: [j1, j2], row: so.row });
      }
    }
  }
  return { paths, phi0, first, local, log2Stride: ls, outputLength };
}

/**
 * Walks the tree for the signal x[offset .. offset + N): every path's coefficients into
 * out[base + row · Nout ..] (Nout = tree.outputLength).
 */
export function scatter1D(
  tree: Tree1D,
  be: Backend1D,
  x: FloatArray,
  offset: number,
  out: FloatArray,
  base: number,
): void {
  const Np = be.nPadded;
  const L = tree.outputLength;
  const local = tree.local;
  be.input(x, offset);
  const X = be.halfX;

  // order 0
  if (local) be.lowPass(X, Np, tree.phi0 as SparseResponse, tree.log2Stride, out, base);
  else out[base] = be.sum(be.padded, Np);

  const U1h = be.halfU1;
  const U2h = be.halfU2;
  for (const fo of tree.first) {
    const M1 = be.waveletModulus(X, Np, fo.psi, fo.k1, be.U1);
    if (local || fo.second.length > 0) be.spectrum(be.U1, M1, U1h);
    if (local) be.lowPass(U1h, M1, fo.phi as SparseResponse, fo.kT, out, base + fo.row * L);
    else out[base + fo.row] = be.sum(be.U1, M1);
    for (const so of fo.second) {
      const M2 = be.waveletModulus(U1h, M1, so.psi, so.k2, be.U2);
      if (local) {
        be.spectrum(be.U2, M2, U2h);
        be.lowPass(U2h, M2, so.phi as SparseResponse, so.kT, out, base + so.row * L);
      } else {
        out[base + so.row] = be.sum(be.U2, M2);
      }
    }
  }
}
