/**
 * Scattering2D: the 2-D wavelet scattering transform, equal to Kymatio 0.4's NumPy frontend.
 *
 *   S0 x = x * phi_J,  S1 x = |x * psi_{j1,t1}| * phi_J,  S2 x = ||x * psi_{j1,t1}| * psi_{j2,t2}| * phi_J (j2 > j1)
 *
 * each subsampled by 2^J, computed on the reflect-padded image with Kymatio's filters
 * (see `morlet2dFilterBank` in @scatterkit/filter-banks) and cropped by one pixel per side.
 * This file is the frontend (options, checks, padding, output layout, meta); the path walk is
 * in `core.ts`, the numerical steps, plans and buffers in `backend.ts`.
 * @module
 */
import {
  type FloatArray,
  ParameterError,
  type Tensor,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkShape,
} from "@scatterkit/core";
import { type Morlet2DFilterBank, morlet2dFilterBank } from "@scatterkit/filter-banks";
import { type SizeOptions, checkMemory } from "../sizes";
import { BatchedTransform } from "../transform";
import { Backend2D } from "./backend";
import { type Layout2D, layout2D, scatter2D } from "./core";
import { scattering2dVjp } from "../vjp/scattering2d-vjp";

/** Options of {@link Scattering2D}. */
export interface Scattering2DOptions extends SizeOptions {
  /** Log2 of the scattering scale; 1 <= J and 2^J <= min(M, N). */
  J: number;
  /** Input spatial shape [M, N]. */
  shape: readonly [number, number] | readonly number[];
  /** Number of orientations (default 8). */
  L?: number;
  /** 1 or 2 (default 2). */
  maxOrder?: number;
  /**
   * A prebuilt `morlet2dFilterBank` for the padded shape, J and L (used by worker threads so
   * that filters are not recomputed); checked against the other options.
   */
  filterBank?: Morlet2DFilterBank;
}

/** Per-path metadata of a 2-D scattering: one entry per output channel. */
export interface Scattering2DMeta {
  /** Scattering order (0, 1 or 2). */
  order: number[];
  /** Scales [j1] or [j1, j2] (empty for order 0). */
  j: number[][];
  /** Wavelet indices n = j * L + theta, as in Kymatio's path list ([n1] or [n1, n2]). */
  n: number[][];
  /** Orientation indices [theta1] or [theta1, theta2]. */
  theta: number[][];
}

/**
 * Kymatio's padded size for one axis: ((M + 2^J) // 2^J + 1) * 2^J.
 */
export function kymatioPadded2d(M: number, J: number): number {
  const f = 2 ** J;
  return (Math.floor((M + f) / f) + 1) * f;
}

/**
 * The 2-D scattering transform (Kymatio 0.4 NumPy frontend, `out_type='array'`).
 *
 * `forward(x)` maps x.shape [...batch, M, N] to [...batch, P, Mp/2^J - 2, Np/2^J - 2]
 * with P = 1 + J L + L^2 J (J - 1) / 2 channels (P = 1 + J L when maxOrder = 1),
 * ordered: order 0, then n1 = j1 L + theta1, then (n1, n2) with j2 > j1.
 * Computation is in float64; the output has the input's float type.
 */
export class Scattering2D extends BatchedTransform<Scattering2DMeta> {
  /**
   * @internal Second-order filtering skips filter bins below this fraction of the filter's
   * maximum (1e-9: far below the float32 rounding of Kymatio's own filters, ~6e-8).
   */
  static skipTolerance = 1e-9;
  /** @internal Low-pass route for moduli whose spectrum is not needed otherwise ("auto": by flop count). */
  static lowpassRoute: "auto" | "fft" | "spatial" = "auto";
  /** @internal Smallest coarse grid (mJ * nJ) whose last inverse transform uses an FFT. */
  static finalFFTMinSize = 1;
  readonly J: number;
  readonly L: number;
  readonly maxOrder: number;
  readonly shape: readonly [number, number];
  /** Padded size [Mp, Np]. */
  readonly paddedShape: readonly [number, number];
  /** Padding [top, bottom, left, right] (reflect, floor on top/left). */
  readonly padding: readonly [number, number, number, number];
  /** Output spatial shape [Mp/2^J - 2, Np/2^J - 2]. */
  readonly outputShape: readonly [number, number];
  /** Number of output channels P. */
  readonly nPaths: number;
  /** The filter bank (Fourier domain, Kymatio's float32 values). */
  readonly filters: Morlet2DFilterBank;

  protected readonly className = "Scattering2D";
  private readonly options: { J: number; shape: [number, number]; L: number; maxOrder: number };
  private readonly layout: Layout2D;
  private readonly backend: Backend2D;

  constructor(options: Scattering2DOptions) {
    super();
    checkOptions("options", options, {
      required: true,
      expected: "an object { J, shape: [M, N], L?, maxOrder? }",
    });
    const shape = options.shape;
    const [M, N] = checkShape("shape", shape, 2);
    const J = checkInteger("J", options.J, 1, 30);
    if (2 ** J > M || 2 ** J > N) {
      throw new ParameterError(
        "J",
        options.J,
        `an integer >= 1 with 2^J <= min(M, N) = ${Math.min(M, N)} (the smallest dimension must be at least 2^J)`,
      );
    }
    const L = checkInteger("L", options.L ?? 8, 1, 64);
    const maxOrder = checkOneOf("maxOrder", options.maxOrder ?? 2, [1, 2]);
    this.J = J;
    this.L = L;
    this.maxOrder = maxOrder;
    this.shape = [M, N];
    const Mp = kymatioPadded2d(M, J);
    const Np = kymatioPadded2d(N, J);
    // Sizes (CONTRACT.md), before any allocation: J L + 1 filters (with their coarser levels,
    // < 4/3 of the full size) of Mp x Np values, and about ten complex work arrays.
    const cells = Mp * Np;
    checkMemory("shape", shape, 8 * cells * ((J * L + 1) * (4 / 3) + 20), 2 * cells, options);
    this.paddedShape = [Mp, Np];
    const top = Math.floor((Mp - M) / 2);
    const left = Math.floor((Np - N) / 2);
    this.padding = [top, Mp - M - top, left, Np - N - left];
    const P = Mp / 2 ** J - 2;
    const Q = Np / 2 ** J - 2;
    this.outputShape = [P, Q];
    this.layout = layout2D(J, L, maxOrder, P * Q);
    this.nPaths = this.layout.nPaths;
    this.filters = options.filterBank ?? morlet2dFilterBank({ shape: [Mp, Np], J, L });
    const fb = this.filters;
    if (
      typeof fb !== "object" ||
      fb === null ||
      fb.J !== J ||
      fb.L !== L ||
      !Array.isArray(fb.shape) ||
      fb.shape[0] !== Mp ||
      fb.shape[1] !== Np ||
      !Array.isArray(fb.psi) ||
      fb.psi.length !== J * L
    ) {
      throw new ParameterError(
        "filterBank",
        options.filterBank,
        `a morlet2dFilterBank for shape [${Mp}, ${Np}], J = ${J}, L = ${L}`,
      );
    }
    this.options = { J, shape: [M, N], L, maxOrder };
    this.backend = new Backend2D({
      J,
      maxOrder,
      shape: this.shape,
      paddedShape: this.paddedShape,
      top,
      left,
      outputShape: this.outputShape,
      filters: fb,
      skipTolerance: Scattering2D.skipTolerance,
      lowpassRoute: Scattering2D.lowpassRoute,
      finalFFTMinSize: Scattering2D.finalFFTMinSize,
    });
  }

  /** Output shape for an input of shape [...batch, M, N]. */
  outputShapeFor(inputShape: readonly number[]): number[] {
    return [...inputShape.slice(0, -2), this.nPaths, this.outputShape[0], this.outputShape[1]];
  }

  /**
   * The scattering coefficients of x ([...batch, M, N]) as [...batch, P, M', N'].
   * The input is not modified; Float32Array in gives Float32Array out.
   */
  override forward(x: Tensor): Tensor {
    return super.forward(x);
  }

  /**
   * @internal Images b0 .. b1-1 of `data` (each M x N) into `out` starting at image
   * offset `o0` (in images). Used by `forward` and by worker threads.
   */
  forwardRange(data: FloatArray, b0: number, b1: number, out: FloatArray, o0: number): void {
    scatter2D(this.layout, this.backend, data, b0, b1, out, o0);
  }

  /**
   * Vector-Jacobian product: the gradient with respect to x of sum(dy · forward(x)) (dy of
   * forward(x)'s shape; the result has x's shape and float type), by the adjoint of each step
   * (see `scattering2dVjp` in `../vjp/scattering2d-vjp.ts`).
   */
  vjp(x: Tensor, dy: Tensor): Tensor {
    return scattering2dVjp(this, x, dy);
  }

  /** Per-channel metadata in output order (Kymatio's path order). */
  meta(): Scattering2DMeta {
    const order: number[] = [0];
    const j: number[][] = [[]];
    const n: number[][] = [[]];
    const theta: number[][] = [[]];
    const psi = this.filters.psi;
    for (let n1 = 0; n1 < psi.length; n1++) {
      order.push(1);
      j.push([psi[n1].j]);
      n.push([n1]);
      theta.push([psi[n1].theta]);
    }
    if (this.maxOrder === 2) {
      for (let n1 = 0; n1 < psi.length; n1++) {
        for (let n2 = 0; n2 < psi.length; n2++) {
          if (psi[n2].j <= psi[n1].j) continue;
          order.push(2);
          j.push([psi[n1].j, psi[n2].j]);
          n.push([n1, n2]);
          theta.push([psi[n1].theta, psi[n2].theta]);
        }
      }
    }
    return { order, j, n, theta };
  }

  protected inputItemShape(): readonly number[] {
    return this.shape;
  }

  protected outputSize(): number {
    return this.nPaths * this.outputShape[0] * this.outputShape[1];
  }

  protected shapeRule(): string {
    const [M, N] = this.shape;
    return `a shape [...batch, ${M}, ${N}] (the shape given to the constructor)`;
  }

  protected computeRange(data: FloatArray, b0: number, b1: number, out: FloatArray): void {
    scatter2D(this.layout, this.backend, data, b0, b1, out, b0);
  }

  protected workerOptions(): Scattering2DOptions {
    return { ...this.options, filterBank: this.filters };
  }
}
