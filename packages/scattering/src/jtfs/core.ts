/**
 * The path walk of time-frequency scattering for one signal, in Kymatio's order: order 0 (format
 * 'time'), the first-order temporal rows U1 = |x ⋆ ψ1| and S1 = U1 ⋆ φ, the frequential paths of
 * the block S1, then for each second-order block n2 the rows Y2 = U1 ⋆ ψ2 and their frequential
 * paths. Every numerical step is the backend's; this file decides only the order. With a tape it
 * also records what the adjoint walk (`adjoint.ts`) needs.
 * @module
 */
import type { FloatArray } from "@scatterkit/core";
import type { JtfsBackend, RowIndex } from "./backend";
import { type JtfsTree, outputIndex } from "./plan";

/** Intermediate values of one signal's forward pass that the vjp needs. */
export interface JtfsTape {
  /** Spectrum of the padded signal, complex Np. */
  X: Float64Array;
  /** x ⋆ ψ1 subsampled, complex M1 per n1. */
  Z1: Float64Array[];
  /** fft |Z1|, complex M1 per n1. */
  U1hat: Float64Array[];
  /** S1, n1max × Nt real. */
  S1: Float64Array;
}

/** Output row r of path p at index oOff + outputIndex (or -1 where the row is dropped). */
export function rowIndex(tree: JtfsTree, oOff: number): RowIndex {
  return (p, r) => {
    const o = outputIndex(tree, p, r);
    return o < 0 ? -1 : oOff + o;
  };
}

/**
 * One signal: x[xOff .. xOff + N) → out[oOff .. oOff + tree.sizeOut), every path of the tree in
 * output order; returns the tape of intermediate values when `record` is true, else null.
 */
export function scatterJtfs(
  tree: JtfsTree,
  backend: JtfsBackend,
  x: ArrayLike<number>,
  xOff: number,
  out: FloatArray,
  oOff: number,
  record: boolean,
): JtfsTape | null {
  const { xp, X } = backend.input(x, xOff);

  // order 0
  if (tree.format === "time") {
    if (tree.local) backend.lowpass0(X, tree.phi0, tree.log2Stride, tree.i0, tree.outputLength, out, oOff);
    else out[oOff] = backend.sum0(xp);
  }

  // first order in time: U1 = |x ⋆ ψ1|, S1 = U1 ⋆ φ
  const Nt = tree.Nt;
  const S1 = new Float64Array(tree.first.length * Nt);
  const U1hat: Float64Array[] = [];
  const Z1: Float64Array[] = [];
  for (const fo of tree.first) {
    const r = backend.firstOrder(fo, X, S1, Nt);
    U1hat.push(r.U1hat);
    if (record) Z1.push(r.Z1);
  }

  // first order in frequency (S1 as a complex block)
  const index = rowIndex(tree, oOff);
  backend.blockForward(tree.paths1, backend.complexBlock(S1), out, index);

  // second order: for each n2, the block Y2 of the rows n1 with j1 < j2
  for (let i = 0; i < tree.second.length; i++) {
    const Y2 = backend.secondOrderStack(tree.second[i], tree.first, U1hat);
    backend.blockForward(tree.paths2[i], Y2, out, index);
  }
  return record ? { X, Z1, U1hat, S1 } : null;
}
