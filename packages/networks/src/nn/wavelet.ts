/**
 * One-scale wavelet filtering of every channel (the linear part of a phase collapse block)
 * and the complex non-linearities that follow it.
 * @internal
 */
import type { FloatArray } from "@scatterkit/core";
import { gabor2d, morlet2d } from "@scatterkit/filter-banks";
import { gemm } from "../backend/gemm.js";
import { type Act, type DType, Layer, type Param, newAct, zeros } from "./layer.js";

/**
 * Spatial filters of a block on an h x w periodic grid, interleaved complex, row-major:
 * the Gaussian low-pass (sigma 0.8, unit sum) then L Morlet wavelets at the finest scale
 * (sigma 0.8, xi 3 pi / 4, slant 4 / L, angles as Kymatio's (trunc(L - L/2 - 1) - l) pi / L),
 * built by @scatterkit/filter-banks (periodised Gabor sums).
 */
export function blockFilters(h: number, w: number, L: number): Float64Array[] {
  const phi = gabor2d(h, w, 0.8, 0, 0, 1);
  let s = 0;
  for (let i = 0; i < phi.length; i += 2) s += phi[i];
  for (let i = 0; i < phi.length; i++) phi[i] /= s;
  const out = [phi];
  for (let l = 0; l < L; l++) {
    const angle = ((Math.trunc(L - L / 2 - 1) - l) * Math.PI) / L;
    out.push(morlet2d(h, w, 0.8, angle, (3 * Math.PI) / 4, 4 / L));
  }
  return out;
}

/**
 * Circular convolution of each input channel with the low-pass and L wavelets, sampled every
 * `stride` pixels: [n, c, h, w] -> [n, c F, ceil(h / stride), ceil(w / stride)], per input
 * channel F = 1 + 2L outputs (low-pass real part, then Re and Im of each wavelet) when
 * `complex`, else F = 1 + L (low-pass, Re of each wavelet). The convolution equals the
 * Fourier-domain product with the filters' DFTs; it is applied as one dense operator
 * M [F h' w', h w] per channel (a GEMM over all channels of the batch), and its adjoint
 * (the backward pass) is the product with M^T.
 */
export class WaveletFilter extends Layer {
  readonly L: number;
  readonly stride: number;
  readonly complex: boolean;
  readonly h: number;
  readonly w: number;
  readonly ho: number;
  readonly wo: number;
  readonly F: number;
  /** The operator, [F ho wo, h w] row-major. */
  readonly M: FloatArray;

  constructor(name: string, dtype: DType, h: number, w: number, L: number, stride: number, complex: boolean) {
    super(name, dtype);
    this.h = h;
    this.w = w;
    this.L = L;
    this.stride = stride;
    this.complex = complex;
    this.ho = Math.ceil(h / stride);
    this.wo = Math.ceil(w / stride);
    this.F = complex ? 1 + 2 * L : 1 + L;
    const filters = blockFilters(h, w, L);
    const So = this.ho * this.wo;
    const S = h * w;
    const M = zeros(dtype, this.F * So * S);
    // y(u') = sum_u k((s u' - u) mod (h, w)) x(u)
    const put = (row: number, k: Float64Array, part: 0 | 1) => {
      for (let i = 0; i < this.ho; i++) {
        for (let j = 0; j < this.wo; j++) {
          const r = (row * So + i * this.wo + j) * S;
          for (let u = 0; u < h; u++) {
            const du = (((stride * i - u) % h) + h) % h;
            for (let v = 0; v < w; v++) {
              const dv = (((stride * j - v) % w) + w) % w;
              M[r + u * w + v] = k[2 * (du * w + dv) + part];
            }
          }
        }
      }
    };
    put(0, filters[0], 0);
    for (let l = 0; l < L; l++) {
      if (complex) {
        put(1 + 2 * l, filters[1 + l], 0);
        put(2 + 2 * l, filters[1 + l], 1);
      } else {
        put(1 + l, filters[1 + l], 0);
      }
    }
    this.M = M;
  }

  outShape(c: number): [number, number, number] {
    return [c * this.F, this.ho, this.wo];
  }

  forward(x: Act): Act {
    const { n, c } = x;
    const So = this.ho * this.wo;
    const S = this.h * this.w;
    const y = newAct(x.data, n, c * this.F, this.ho, this.wo);
    gemm(false, true, n * c, this.F * So, S, 1, x.data, S, this.M, S, 0, y.data, this.F * So);
    return y;
  }

  backward(dy: Act): Act {
    const n = dy.n;
    const c = dy.c / this.F;
    const So = this.ho * this.wo;
    const S = this.h * this.w;
    const dx = newAct(dy.data, n, c, this.h, this.w);
    gemm(false, false, n * c, S, this.F * So, 1, dy.data, this.F * So, this.M, S, 0, dx.data, S);
    return dx;
  }
}

/** Non-linearity applied to the wavelet coefficients of a phase collapse block. */
export type PhaseKind = "modulus" | "threshold" | "relu";

/**
 * The non-linearity of a phase collapse block, per group of one input channel's filter
 * outputs: the low-pass coefficient passes unchanged; each wavelet coefficient z gives one
 * output: "modulus" |z| (input: Re, Im pairs, F = 1 + 2L), "threshold" the soft-threshold
 * sign(Re z) max(|Re z| - t, 0) and "relu" max(Re z - b, 0) (input: Re only, F = 1 + L),
 * with t >= 0 and b learned per output channel. Output [n, c (1 + L), h, w].
 */
export class PhaseNonlinearity extends Layer {
  readonly L: number;
  readonly kind: PhaseKind;
  readonly groups: number;
  readonly bias: Param | null;
  private x: Act | null = null;

  constructor(name: string, dtype: DType, groups: number, L: number, kind: PhaseKind, init = 0) {
    super(name, dtype);
    this.L = L;
    this.kind = kind;
    this.groups = groups;
    if (kind === "modulus") {
      this.bias = null;
    } else {
      this.bias = this.param(
        kind === "threshold" ? "threshold" : "bias",
        [groups * L],
        false,
        kind === "threshold" ? "positive" : undefined,
      );
      this.bias.value.fill(init);
    }
  }

  /** Filter outputs per group this non-linearity expects. */
  get inputPerGroup(): number {
    return this.kind === "modulus" ? 1 + 2 * this.L : 1 + this.L;
  }

  outShape(_c: number, h: number, w: number): [number, number, number] {
    return [this.groups * (1 + this.L), h, w];
  }

  forward(x: Act, training: boolean): Act {
    const { n, h, w } = x;
    const S = h * w;
    const L = this.L;
    const G = this.groups;
    const Fi = this.inputPerGroup;
    const y = newAct(x.data, n, G * (1 + L), h, w);
    const X = x.data;
    const Y = y.data;
    const t = this.bias?.value;
    for (let b = 0; b < n; b++) {
      for (let g = 0; g < G; g++) {
        const ib = (b * G + g) * Fi * S;
        const ob = (b * G + g) * (1 + L) * S;
        for (let s = 0; s < S; s++) Y[ob + s] = X[ib + s];
        for (let l = 0; l < L; l++) {
          const oo = ob + (1 + l) * S;
          if (this.kind === "modulus") {
            const ir = ib + (1 + 2 * l) * S;
            const ii = ir + S;
            for (let s = 0; s < S; s++) {
              const re = X[ir + s];
              const im = X[ii + s];
              Y[oo + s] = Math.sqrt(re * re + im * im);
            }
          } else {
            const ir = ib + (1 + l) * S;
            const tt = (t as FloatArray)[g * L + l];
            if (this.kind === "threshold") {
              for (let s = 0; s < S; s++) {
                const v = X[ir + s];
                Y[oo + s] = v > tt ? v - tt : v < -tt ? v + tt : 0;
              }
            } else {
              for (let s = 0; s < S; s++) {
                const v = X[ir + s] - tt;
                Y[oo + s] = Math.max(v, 0);
              }
            }
          }
        }
      }
    }
    this.x = training ? x : null;
    return y;
  }

  backward(dy: Act): Act {
    const x = this.x;
    if (!x) throw new Error("PhaseNonlinearity.backward without a training forward");
    const { n, c, h, w } = x;
    const S = h * w;
    const L = this.L;
    const G = this.groups;
    const Fi = this.inputPerGroup;
    const dx = newAct(x.data, n, c, h, w);
    const X = x.data;
    const D = dy.data;
    const R = dx.data;
    const t = this.bias?.value;
    const tg = this.bias?.grad;
    for (let b = 0; b < n; b++) {
      for (let g = 0; g < G; g++) {
        const ib = (b * G + g) * Fi * S;
        const ob = (b * G + g) * (1 + L) * S;
        for (let s = 0; s < S; s++) R[ib + s] = D[ob + s];
        for (let l = 0; l < L; l++) {
          const oo = ob + (1 + l) * S;
          if (this.kind === "modulus") {
            const ir = ib + (1 + 2 * l) * S;
            const ii = ir + S;
            for (let s = 0; s < S; s++) {
              const re = X[ir + s];
              const im = X[ii + s];
              const m = Math.sqrt(re * re + im * im);
              if (m > 0) {
                const k = D[oo + s] / m;
                R[ir + s] = k * re;
                R[ii + s] = k * im;
              }
            }
          } else {
            const ir = ib + (1 + l) * S;
            const tt = (t as FloatArray)[g * L + l];
            let gs = 0;
            if (this.kind === "threshold") {
              for (let s = 0; s < S; s++) {
                const v = X[ir + s];
                if (v > tt) {
                  R[ir + s] = D[oo + s];
                  gs -= D[oo + s];
                } else if (v < -tt) {
                  R[ir + s] = D[oo + s];
                  gs += D[oo + s];
                }
              }
            } else {
              for (let s = 0; s < S; s++) {
                if (X[ir + s] - tt > 0) {
                  R[ir + s] = D[oo + s];
                  gs -= D[oo + s];
                }
              }
            }
            (tg as FloatArray)[g * L + l] += gs;
          }
        }
      }
    }
    return dx;
  }
}
