/**
 * Scattering1D: the 1-D wavelet scattering transform, equal to Kymatio 0.4's NumPy
 * frontend (same filters, padding, subsampling, path order and output layout).
 *
 *   S0 x = x ⋆ φ,  S1 x(λ1) = |x ⋆ ψ_λ1| ⋆ φ,  S2 x(λ1, λ2) = ||x ⋆ ψ_λ1| ⋆ ψ_λ2| ⋆ φ,
 *
 * computed in the Fourier domain on the reflect-padded signal, with subsampling by
 * periodisation of the spectra (as Kymatio does) and second-order paths only for j2 > j1.
 * This file is the frontend (options, checks, padding, output layout, meta); the path walk is
 * in `core.ts`, the numerical steps and buffers in `backend.ts`.
 * @module
 */
import {
  type FloatArray,
  ParameterError,
  type Tensor,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptions,
  shapeSize,
} from "@scatterkit/core";
import { type FilterBank1D, gauss1d, resolveQ, scatteringFilterBank1D } from "@scatterkit/filter-banks";
import { type Padding1D, scatteringPadding1D } from "../padding1d";
import { type SizeOptions, checkMemory, supportTooSmall, warn } from "../sizes";
import { BatchedTransform, outputArray } from "../transform";
import { Backend1D } from "./backend";
import { type Tree1D, planTree1D, scatter1D } from "./core";
import { scattering1dVjp } from "../vjp/scattering1d-vjp";

/** Constructor options of {@link Scattering1D} (the public contract). */
export interface Scattering1DOptions extends SizeOptions {
  /** Maximum log-scale: wavelets reach scale 2^J. Integer >= 0 with 2^J <= padded length. */
  J: number;
  /** Signal length N >= 2 (any length; the signal is reflect-padded to a power of two). */
  shape: number | readonly [number];
  /** Wavelets per octave: q means [q, 1]; [Q1, Q2] sets both orders. Default 1. */
  Q?: number | readonly [number] | readonly [number, number];
  /** Width of the low-pass φ (σ_φ = 0.1 / T), 1 <= T <= N; or 'global' (sum over time). Default 2^J. */
  T?: number | "global";
  /** Output sampling step, a power of two <= 2^floor(log2 T). Default 2^floor(log2 T) (T itself for T a power of two). */
  stride?: number;
  /** 1 or 2 (default 2). */
  maxOrder?: 1 | 2;
  /**
   * A filter bank built beforehand for exactly these parameters (scatteringFilterBank1D(nPadded,
   * J, Q, T)), used as given instead of being recomputed (e.g. by worker threads).
   */
  filterBank?: FilterBank1D;
}

/** Metadata of each output path (Kymatio's `meta()`), one entry per path. */
export interface Scattering1DMeta {
  /** Scattering order of each path (0, 1 or 2). */
  order: number[];
  /** j[i][k]: subsampling exponent of the wavelet used at order k + 1 (length order[i]). */
  j: number[][];
  /** n[i][k]: index of that wavelet in its bank (length order[i]). */
  n: number[][];
  /** xi[i][k]: centre frequency of that wavelet (cycles per sample). */
  xi: number[][];
  /** sigma[i][k]: bandwidth of that wavelet. */
  sigma: number[][];
}

/** One path of the transform in Kymatio's 'list' form. */
export interface ScatteringPath1D {
  order: number;
  j: number[];
  n: number[];
  /** [...batch, Nout] coefficients of this path. */
  coefficients: Tensor;
}

/**
 * The 1-D scattering transform of Kymatio 0.4 (NumPy frontend), computed in float64.
 *
 * Output ('array' layout): x.shape [...batch, N] → [...batch, P, Nout], paths sorted by
 * (order, n): order 0, then n1 = 0, 1, ... (decreasing centre frequency), then (n1, n2) with
 * j2 > j1. Nout = number of stride-spaced samples covering the unpadded signal
 * (ceil-halved border indices), or 1 with T = 'global' (sum over the padded, subsampled signal).
 * Float32Array input gives Float32Array output; the input is never modified.
 */
export class Scattering1D extends BatchedTransform<Scattering1DMeta> {
  /** Maximum log-scale J. */
  readonly J: number;
  /** Signal length N. */
  readonly N: number;
  /** Wavelets per octave [Q1, Q2]. */
  readonly Q: [number, number];
  /** Low-pass width T (2^J for the defaults and for 'global'). */
  readonly T: number;
  /** 'local' (low-pass φ then subsampling) or 'global' (sum over time). */
  readonly average: "local" | "global";
  /** Output sampling step 2^log2Stride (local averaging). */
  readonly stride: number;
  /** log2 of the output sampling step (local) or of T (global). */
  readonly log2Stride: number;
  /** Maximum order (1 or 2). */
  readonly maxOrder: 1 | 2;
  /** Padding (padded length, left/right pads, unpadding indices per subsampling). */
  readonly padding: Padding1D;
  /** The filter bank (Fourier domain, padded length), with its metadata. */
  readonly filters: FilterBank1D;
  /** Number of output paths P. */
  readonly nPaths: number;
  /** Number of output samples per path Nout. */
  readonly outputLength: number;

  protected readonly className = "Scattering1D";
  private readonly options: Omit<Scattering1DOptions, "filterBank">;
  private readonly backend: Backend1D;
  private readonly tree: Tree1D;

  constructor(options: Scattering1DOptions) {
    super();
    checkOptions("options", options, {
      required: true,
      expected: "an object { J, shape, Q?, T?, stride?, maxOrder? }",
    });
    const { J, shape, Q = 1, T, stride, maxOrder = 2, filterBank, maxMemoryBytes, onWarning } = options;
    this.options = { J, shape, Q, T, stride, maxOrder };
    this.J = checkInteger("J", J, 0, 30);
    const N = Array.isArray(shape) && shape.length === 1 ? shape[0] : shape;
    this.N = checkInteger("shape", N, 2);
    this.Q = resolveQ(Q);
    this.maxOrder = checkOneOf("maxOrder", maxOrder, [1, 2]);

    if (T === "global") {
      this.T = 2 ** this.J;
      this.average = "global";
      if (stride !== undefined && stride !== null) {
        throw new ParameterError("stride", stride, "no stride with T = 'global' (the output has one sample)");
      }
    } else if (T === undefined || T === null) {
      // T defaults to 2^J, which Kymatio accepts even beyond the signal length (with a warning, below)
      this.T = 2 ** this.J;
      this.average = "local";
    } else {
      this.T = checkNumber("T", T, { min: 1, max: this.N });
      this.average = "local";
    }
    const log2T = Math.floor(Math.log2(this.T));
    this.log2Stride = this.average === "local" ? checkStride(stride, log2T) : log2T;
    this.stride = 2 ** this.log2Stride;

    // Sizes (CONTRACT.md): estimate before allocating anything of the signal's size. The padded
    // length is at most 2^floor(log2(3N - 2)); filters ~ (Q1 + Q2)(J + 2) + 2 of that length.
    const npMax = 2 ** Math.floor(Math.log2(3 * this.N - 2));
    const nFilters = (this.Q[0] + this.Q[1]) * (this.J + 2) + 2;
    const filterBytes = 8 * npMax * nFilters;
    const otherBytes = 8 * (this.N + 18 * npMax);
    checkMemory(
      filterBytes > otherBytes ? "Q" : "shape",
      filterBytes > otherBytes ? Q : shape,
      filterBytes + otherBytes,
      2 * npMax,
      { maxMemoryBytes },
    );

    this.padding = scatteringPadding1D(this.N, this.T, Math.max(log2T, this.J));
    const Np = this.padding.nPadded;
    if (2 ** this.J > Np && (this.Q[0] > 1 || this.Q[1] > 1)) {
      // Kymatio computes these (its widest wavelets then wrap around the padded signal); scatterkit
      // reproduces that only with one wavelet per octave.
      throw new ParameterError(
        "J",
        this.J,
        `an integer with 2**J <= ${Np} (the padded length for shape ${this.N}) when Q = [${this.Q}] (2**J beyond the padded length is supported for Q = 1 only)`,
      );
    }
    this.filters =
      filterBank !== undefined
        ? this.checkBank(filterBank, Np)
        : scatteringFilterBank1D(Np, this.J, this.Q, this.T);
    const { psi1, psi2 } = this.filters;
    // Kymatio 0.4 refuses (its filter factory cannot periodise) when the low-pass filter would be
    // subsampled by more than the padded length: max(max j, 1 + floor(log2 T)) - 1 > log2(nPadded).
    const maxJ = Math.max(0, ...psi1.map((f) => f.j), ...psi2.map((f) => f.j));
    if (Math.max(maxJ, 1 + log2T) - 1 > Math.log2(Np)) {
      throw new ParameterError(
        this.average === "global" || T === undefined || T === null ? "J" : "T",
        this.average === "global" || T === undefined || T === null ? this.J : T,
        `values for which the filters need at most ${Np} = 2^${Math.log2(Np)} periodisation levels (the padded length for shape ${this.N}); here ${Math.max(maxJ, 1 + log2T) - 1} (Kymatio 0.4 raises too)`,
      );
    }
    // Kymatio's filter-bank check (ScatteringBase._check_filterbanks): no first-order aliasing
    // (ξ1 < 0.5 / 2^j1) and, for every pair with j1 < j2, ξ1 > ξ2. Kymatio refuses other banks.
    const aliasFree = psi1.every((f) => f.xi < 0.5 / 2 ** f.j);
    const ordered = psi1.every((a) => psi2.every((b) => !(a.j < b.j) || a.xi > b.xi));
    if (!aliasFree || !ordered) {
      throw new ParameterError(
        "Q",
        Q,
        `wavelets per octave for which every second-order wavelet with j2 > j1 has a lower centre frequency than the first-order one (Kymatio's filter-bank check fails for J=${this.J}, Q=[${this.Q}])`,
      );
    }
    const local = this.average === "local";
    const ls = this.log2Stride;
    this.outputLength = local ? this.padding.indEnd[ls] - this.padding.indStart[ls] : 1;
    this.backend = new Backend1D(this.filters, this.padding, this.N, ls);
    this.tree = planTree1D(this.filters, this.backend, {
      local,
      log2Stride: ls,
      maxOrder: this.maxOrder,
      outputLength: this.outputLength,
    });
    this.nPaths = this.tree.paths.length;
    // Where Kymatio warns, compute and warn once (its compute_temporal_support of φ on N samples).
    if (supportTooSmall(gauss1d(this.N, 0.1 / this.T))) {
      warn(
        { onWarning },
        `Scattering1D(J=${this.J}, shape=${this.N}, T=${T === "global" ? "'global'" : this.T}): signal support is too small to avoid border effects (the low-pass filter does not decay within ${this.N} samples; Kymatio 0.4 warns the same)`,
      );
    }
  }

  /** Output shape for an input of shape [...batch, N]: [...batch, P, Nout]. */
  outputShape(inputShape: readonly number[]): number[] {
    return [...inputShape.slice(0, -1), this.nPaths, this.outputLength];
  }

  /** Output shape for an input of shape [...batch, N]: [...batch, P, Nout] (same as {@link outputShape}). */
  outputShapeFor(inputShape: readonly number[]): number[] {
    return this.outputShape(inputShape);
  }

  /**
   * Scattering coefficients of x ([...batch, N]) in Kymatio's 'array' layout
   * [...batch, P, Nout]; same float type as x.
   */
  override forward(x: Tensor): Tensor {
    return super.forward(x);
  }

  /**
   * The same coefficients in Kymatio's 'list' form: one entry per path (same order as
   * `forward`'s rows) with its order, j, n and a [...batch, Nout] tensor.
   */
  forwardPaths(x: Tensor): ScatteringPath1D[] {
    const y = this.forward(x);
    const batchShape = x.shape.slice(0, -1);
    const batch = shapeSize(batchShape);
    const P = this.nPaths;
    const L = this.outputLength;
    return this.tree.paths.map((p) => {
      const data = outputArray(y.data, batch * L);
      for (let b = 0; b < batch; b++) {
        const src = (b * P + p.row) * L;
        data.set(y.data.subarray(src, src + L), b * L);
      }
      return { order: p.order, j: [...p.j], n: [...p.n], coefficients: { data, shape: [...batchShape, L] } };
    });
  }

  /**
   * Vector-Jacobian product: the gradient with respect to x of sum(dy · forward(x)) (dy of
   * forward(x)'s shape; the result has x's shape and float type), by the adjoint of each step
   * (see `scattering1dVjp` in `../vjp/scattering1d-vjp.ts`).
   */
  vjp(x: Tensor, dy: Tensor): Tensor {
    return scattering1dVjp(this, x, dy);
  }

  /** Metadata of every output path (one entry per path, in output order). */
  meta(): Scattering1DMeta {
    const banks = [this.filters.psi1, this.filters.psi2];
    const paths = this.tree.paths;
    return {
      order: paths.map((p) => p.order),
      j: paths.map((p) => [...p.j]),
      n: paths.map((p) => [...p.n]),
      xi: paths.map((p) => p.n.map((n, k) => banks[k][n].xi)),
      sigma: paths.map((p) => p.n.map((n, k) => banks[k][n].sigma)),
    };
  }

  protected inputItemShape(): readonly number[] {
    return [this.N];
  }

  protected outputSize(): number {
    return this.nPaths * this.outputLength;
  }

  protected shapeRule(): string {
    return `a shape [...batch, ${this.N}] (last axis = shape given to the constructor)`;
  }

  protected computeRange(data: FloatArray, b0: number, b1: number, out: FloatArray): void {
    const per = this.nPaths * this.outputLength;
    for (let b = b0; b < b1; b++) scatter1D(this.tree, this.backend, data, b * this.N, out, b * per);
  }

  protected workerOptions(): Scattering1DOptions {
    return { ...this.options, filterBank: this.filters, onWarning: null };
  }

  /** The given bank when it was built for exactly these parameters, else a ParameterError. */
  private checkBank(filterBank: FilterBank1D, Np: number): FilterBank1D {
    const p = filterBank?.params;
    const same =
      p !== undefined &&
      p.N === Np &&
      p.J === this.J &&
      p.Q[0] === this.Q[0] &&
      p.Q[1] === this.Q[1] &&
      p.T === this.T &&
      p.sigma0 === 0.1 &&
      p.rPsi === Math.SQRT1_2 &&
      p.alpha === 5;
    if (!same) {
      throw new ParameterError(
        "filterBank",
        filterBank,
        `scatteringFilterBank1D(${Np}, ${this.J}, [${this.Q}], ${this.T}) with default options`,
      );
    }
    return filterBank;
  }
}

/** log2 of a valid stride (a power of two <= 2^log2T; default 2^log2T), else a ParameterError. */
function checkStride(stride: unknown, log2T: number): number {
  if (stride === undefined || stride === null) return log2T;
  const ok =
    typeof stride === "number" && Number.isInteger(stride) && stride >= 1 && (stride & (stride - 1)) === 0;
  if (!ok || (stride as number) > 2 ** log2T) {
    throw new ParameterError("stride", stride, `a power of two in [1, ${2 ** log2T}] (2**floor(log2 T))`);
  }
  return Math.round(Math.log2(stride as number));
}
