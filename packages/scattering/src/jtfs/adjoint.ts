/**
 * The vector-Jacobian product of time-frequency scattering for one signal: the adjoint of the
 * walk of `core.ts`, in reverse (order 0; the frequential paths of S1, then the low-pass of each
 * first-order row; the frequential paths of each second-order block, then its temporal wavelet;
 * the wavelet-modulus of each first-order row; the FFT and the reflect padding). The adjoint of
 * each step (conjugate filters, the modulus' derivative z/|z|, the adjoints of periodisations,
 * paddings and unpaddings) is the backend's.
 * @module
 */
import type { FloatArray } from "@scatterkit/core";
import type { JtfsBackend } from "./backend";
import { type JtfsTape, rowIndex } from "./core";
import type { JtfsTree } from "./plan";

/**
 * Adds to gx[gOff .. gOff + N) the gradient with respect to the signal of
 * sum(dy[dOff .. dOff + tree.sizeOut) · forward), from the tape of that signal's forward pass.
 */
export function scatterJtfsAdjoint(
  tree: JtfsTree,
  backend: JtfsBackend,
  tape: JtfsTape,
  dy: FloatArray,
  dOff: number,
  gx: Float64Array,
  gOff: number,
): void {
  const Np = tree.nPadded;
  const dX = new Float64Array(2 * Np);
  const dxp = new Float64Array(Np);

  // order 0
  if (tree.format === "time") {
    if (tree.local) backend.lowpass0Adj(dy, dOff, tree.phi0, tree.log2Stride, tree.i0, tree.outputLength, dX);
    else for (let i = 0; i < Np; i++) dxp[i] += dy[dOff];
  }

  // gradient of every U1hat row
  const dU1hat = tree.first.map((fo) => new Float64Array(2 * (Np >> fo.k1)));
  const Nt = tree.Nt;
  const index = rowIndex(tree, dOff);

  // first-order frequency paths → dS1 → dU1hat
  const dS1 = backend.blockBackward(tree.paths1, backend.complexBlock(tape.S1), dy, index); // complex; S1 is real: keep Re
  for (const fo of tree.first) backend.firstOrderLowpassAdj(fo, dS1, Nt, dU1hat[fo.n1]);

  // second-order paths → dY2 → dU1hat
  for (let i = 0; i < tree.second.length; i++) {
    const so = tree.second[i];
    const Y2 = backend.secondOrderStack(so, tree.first, tape.U1hat);
    const dY2 = backend.blockBackward(tree.paths2[i], Y2, dy, index);
    backend.secondOrderStackAdj(so, tree.first, dY2, dU1hat);
  }

  // U1hat = fft(|Z1|), Z1 = ifft(fold(X · ψ1))
  for (const fo of tree.first) backend.waveletModulusAdj(fo, tape.Z1[fo.n1], dU1hat[fo.n1], dX);

  // X = fft(xp), xp = reflect-pad(x)
  backend.inputAdj(dX, dxp, gx, gOff);
}
