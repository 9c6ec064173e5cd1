/**
 * The Nyquist-plane corrections that let HarmonicScattering3D share inverse FFTs between
 * filters related by symmetry on grids with even sizes (see `Backend3D.addPair` and
 * `Backend3D.modulus2`): the part of a filtered spectrum that lies on the Nyquist planes,
 * where the symmetry fails, transformed exactly by three 2-D inverse FFTs.
 * @module
 */
import { FFT2 } from "../scattering2d-kernels";
import type { FFT3 } from "./fft3";

/** Plane FFTs and the correction kernel for an M x N x O grid (all sizes even). */
export class NyquistPlanes {
  private readonly planeFFT: FFT2[];

  constructor(
    private readonly shape: readonly [number, number, number],
    private readonly fft: FFT3,
  ) {
    const [M, N, O] = shape;
    this.planeFFT = [new FFT2(N, O), new FFT2(M, O), new FFT2(M, N)];
  }

  /** Sizes (in float64 values) of the three plane buffers q[0], q[1], q[2]. */
  static sizes(M: number, N: number, O: number): number[] {
    return [2 * N * O, 2 * M * O, 2 * M * N];
  }

  /**
   * e = ifft(spec * E) for E[k] = scale (neg[k] - s conj(pos[-k])) restricted to the Nyquist planes
   * (made disjoint: a = M/2; b = N/2 with a != M/2; c = O/2 with a != M/2, b != N/2), as three
   * 2-D inverse FFTs: e(x, y, z) = (-1)^x q[0](y, z) + (-1)^y q[1](x, z) + (-1)^z q[2](x, y).
   */
  correction(
    spec: Float64Array,
    pos: Float32Array,
    neg: Float32Array,
    s: number,
    scale: number,
    q: Float64Array[],
  ): void {
    const [M, N, O] = this.shape;
    const [qa, qb, qc] = q;
    const hM = M / 2;
    const hN = N / 2;
    const hO = O / 2;
    const fft = this.fft;
    const dval = (a: number, b: number, c: number, out: Float64Array, o: number, w: number) => {
      const k = 2 * fft.index(a, b, c);
      const na = a === 0 ? 0 : M - a;
      const nb = b === 0 ? 0 : N - b;
      const nc = c === 0 ? 0 : O - c;
      const kk = 2 * fft.index(na, nb, nc);
      const er = (neg[k] - s * pos[kk]) * w;
      const ei = (neg[k + 1] + s * pos[kk + 1]) * w;
      const xr = spec[k];
      const xi = spec[k + 1];
      out[o] = xr * er - xi * ei;
      out[o + 1] = xr * ei + xi * er;
    };
    const wa = scale / M;
    const wb = scale / N;
    const wc = scale / O;
    for (let b = 0; b < N; b++) for (let c = 0; c < O; c++) dval(hM, b, c, qa, 2 * (b * O + c), wa);
    for (let a = 0; a < M; a++)
      for (let c = 0; c < O; c++) {
        if (a === hM) {
          qb[2 * (a * O + c)] = 0;
          qb[2 * (a * O + c) + 1] = 0;
        } else dval(a, hN, c, qb, 2 * (a * O + c), wb);
      }
    for (let a = 0; a < M; a++)
      for (let b = 0; b < N; b++) {
        if (a === hM || b === hN) {
          qc[2 * (a * N + b)] = 0;
          qc[2 * (a * N + b) + 1] = 0;
        } else dval(a, b, hO, qc, 2 * (a * N + b), wc);
      }
    this.planeFFT[0].inverse(qa);
    this.planeFFT[1].inverse(qb);
    this.planeFFT[2].inverse(qc);
  }
}
