/**
 * TimeFrequencyScattering: joint time-frequency scattering (JTFS), equal to Kymatio 0.4's
 * `TimeFrequencyScattering` (NumPy frontend): same parameters and defaults, padding of the
 * frequency axis, spinned frequential wavelets, frequential averaging and subsampling, formats
 * 'time' and 'joint', and meta() in Kymatio's order. Also its exact vector-Jacobian product.
 *
 * With the scalogram U1(n1, t) = |x ⋆ ψ_n1|(t):
 *   S0 = x ⋆ φ_T;
 *   first order:  |S1 ⋆_fr ψ_fr| (⋆_fr φ_F), S1 = U1 ⋆_t φ_T, for the low-pass and the up wavelets;
 *   second order: ||U1 ⋆_t ψ_n2| ⋆_fr ψ_fr| ⋆_t φ_T (⋆_fr φ_F), for every n2 and every spinned ψ_fr,
 * where ⋆_fr convolves along n1 zero-padded to nPaddedFr (Kymatio's algorithm, step by step).
 *
 * This file is the frontend (options, sizes, filters, output layout, meta); the options and their
 * checks are in `options.ts`, the path plan in `plan.ts`, the path walk in `core.ts` (its adjoint
 * in `adjoint.ts`), the numerical steps in `backend.ts`, `frequency.ts` and `ops.ts`.
 * @module
 */
import {
  type FloatArray,
  ParameterError,
  ShapeError,
  type Tensor,
  checkOptions,
  checkTensor,
} from "@scatterkit/core";
import { type FilterBank1D, gauss1d, scatteringFilterBank1D } from "@scatterkit/filter-banks";
import { checkMemory, supportTooSmall, warn } from "../sizes";
import { BatchedTransform } from "../transform";
import { scatterJtfsAdjoint } from "./adjoint";
import { JtfsBackend } from "./backend";
import { scatterJtfs } from "./core";
import {
  type FrequencyFilterBank,
  type TimePadding,
  frequencyFilterBank,
  paddedFrequencyLength,
  timePadding,
} from "./filters";
import { type TimeFrequencyScatteringMeta, jtfsMeta } from "./meta";
import { type TimeFrequencyScatteringOptions, resolveJtfsOptions } from "./options";
import { type JtfsTree, planFrequency, planTime } from "./plan";

export type { TimeFrequencyScatteringOptions } from "./options";
export type { TimeFrequencyScatteringMeta } from "./meta";

/**
 * Joint time-frequency scattering (JTFS) equal to Kymatio 0.4's TimeFrequencyScattering
 * (NumPy frontend, out_type 'array'), computed in float64.
 *
 * forward(x): x [...batch, N] → 'time': [...batch, P, Nout] (order 0, 1, 2 paths on one axis);
 * 'joint': [...batch, P, Nfr, Nout] (first- and second-order paths, each with its frequential
 * axis). Float32Array in, Float32Array out; the input is never modified.
 */
export class TimeFrequencyScattering extends BatchedTransform<TimeFrequencyScatteringMeta> {
  readonly J: number;
  readonly Jfr: number;
  readonly N: number;
  readonly Q: [number, number];
  readonly Qfr: number;
  /** Temporal low-pass width (2^J for the default and 'global'). */
  readonly T: number;
  readonly average: "local" | "global";
  readonly log2Stride: number;
  /** Frequential low-pass width (2^Jfr for the default, 'global' and 0). */
  readonly F: number;
  readonly averageFr: "local" | "global" | false;
  readonly log2StrideFr: number;
  readonly format: "time" | "joint";
  readonly padding: TimePadding;
  /** Temporal filter bank (Scattering1D's) at the padded length. */
  readonly filters: FilterBank1D;
  /** Frequential filter bank over the padded frequency axis. */
  readonly filtersFr: FrequencyFilterBank;
  /** Padded length of the frequency axis (Kymatio's _N_padded_fr). */
  readonly nPaddedFr: number;
  /** Number of output paths P. */
  readonly nPaths: number;
  /** Output length along time. */
  readonly outputLength: number;
  /** Output length along frequency ('joint' only; 0 in 'time'). */
  readonly outputFrequencies: number;

  protected readonly className = "TimeFrequencyScattering";
  private readonly options: TimeFrequencyScatteringOptions;
  private readonly tree: JtfsTree;
  private readonly backend: JtfsBackend;
  private metaCache: TimeFrequencyScatteringMeta | null = null;

  constructor(options: TimeFrequencyScatteringOptions) {
    super();
    checkOptions("options", options, {
      required: true,
      expected: "an object { J, Jfr, Q, shape, T?, stride?, Qfr?, F?, strideFr?, format? }",
    });
    this.options = { ...options };
    const s = resolveJtfsOptions(options);
    this.J = s.J;
    this.Jfr = s.Jfr;
    this.N = s.N;
    this.Q = s.Q;
    this.Qfr = s.Qfr;
    this.format = s.format;
    this.T = s.T;
    this.average = s.average;
    this.log2Stride = s.log2Stride;
    this.F = s.F;
    this.averageFr = s.averageFr;
    this.log2StrideFr = s.log2StrideFr;

    // Sizes (CONTRACT.md): estimate before allocating anything of the signal's size: padded length
    // at most 2^floor(log2(3N - 2)); ~ (Q1 + Q2)(J + 2) filters of that length; per signal the
    // first-order spectra (complex, ~Q1 (J + 2) of at most that length), one second-order block and
    // the frequential work buffers (rows <= nPaddedFr, complex).
    {
      const npMax = 2 ** Math.floor(Math.log2(3 * this.N - 2));
      const nFilters = (this.Q[0] + this.Q[1]) * (this.J + 2) + 2;
      const n1 = this.Q[0] * (this.J + 2);
      const nFr = (this.J + 1) * this.Q[0] + 8 * 2 ** this.Jfr;
      const bytes = 8 * npMax * (nFilters + 3 * n1 + 3 * nFr) + 8 * this.N;
      checkMemory("shape", options.shape, bytes, nFr * npMax, options);
    }

    // temporal padding and filters
    const ls = this.log2Stride;
    this.padding = timePadding(this.N, this.T, Math.max(Math.floor(Math.log2(this.T)), this.J));
    const Np = this.padding.nPadded;
    if (2 ** Math.max(this.J, ls) > Np) {
      throw new ParameterError(
        "J",
        this.J,
        `an integer with 2**J <= ${Np} (the padded length for shape ${this.N})`,
      );
    }
    this.filters = scatteringFilterBank1D(Np, this.J, this.Q, this.T);
    const { psi1, psi2 } = this.filters;
    const aliasFree = psi1.every((f) => f.xi < 0.5 / 2 ** f.j);
    const ordered = psi1.every((a) => psi2.every((b) => !(a.j < b.j) || a.xi > b.xi));
    if (!aliasFree || !ordered) {
      throw new ParameterError(
        "Q",
        options.Q,
        `wavelets per octave that pass Kymatio's filter-bank check (fails for J=${this.J}, Q=[${this.Q}])`,
      );
    }
    const time = planTime(s, this.padding, this.filters, options.T);

    // frequential padding, filters and paths
    this.nPaddedFr = paddedFrequencyLength(this.J, this.Q[0], this.Jfr, this.F);
    this.filtersFr = frequencyFilterBank(this.nPaddedFr, this.Jfr, this.Qfr, this.F);
    this.tree = planFrequency(s, this.padding, time, this.filtersFr, { F: options.F, Jfr: options.Jfr });
    this.nPaths = this.tree.nPaths;
    this.outputLength = this.tree.outputLength;
    this.outputFrequencies = this.tree.outputFrequencies;
    this.backend = new JtfsBackend(this.N, this.padding);

    // Where Kymatio warns (its compute_temporal_support of φ on N samples), compute and warn once.
    if (supportTooSmall(gauss1d(this.N, 0.1 / this.T))) {
      const T = options.T;
      warn(
        options,
        `TimeFrequencyScattering(J=${this.J}, shape=${this.N}, T=${T === "global" ? "'global'" : this.T}): signal support is too small to avoid border effects (the low-pass filter does not decay within ${this.N} samples; Kymatio 0.4 warns the same)`,
      );
    }
  }

  /** Output shape for an input of shape [...batch, N]. */
  outputShape(inputShape: readonly number[]): number[] {
    const b = inputShape.slice(0, -1);
    return this.format === "joint"
      ? [...b, this.nPaths, this.outputFrequencies, this.outputLength]
      : [...b, this.nPaths, this.outputLength];
  }

  /** Output shape for an input of shape [...batch, N] (same as {@link outputShape}). */
  outputShapeFor(inputShape: readonly number[]): number[] {
    return this.outputShape(inputShape);
  }

  /** JTFS coefficients of x ([...batch, N]) in Kymatio's 'array' layout; same float type as x. */
  override forward(x: Tensor): Tensor {
    return super.forward(x);
  }

  /**
   * Vector-Jacobian product: the gradient with respect to x of sum(dy · forward(x)), dy of
   * forward(x)'s shape; the result has x's shape and float type. Computed by the adjoint of
   * every step (conjugate filters, the modulus' derivative z/|z|, the adjoints of the
   * periodisations, paddings and unpaddings) in about three forward passes.
   */
  vjp(x: Tensor, dy: Tensor): Tensor {
    const { t, batch } = this.checkInput(x);
    const d = checkTensor("dy", dy, { minRank: 1 });
    const want = this.outputShape(t.shape);
    if (d.shape.length !== want.length || d.shape.some((s, i) => s !== want[i])) {
      throw new ShapeError("dy.shape", d.shape, `forward(x)'s shape [${want}]`);
    }
    const N = this.N;
    const size = this.tree.sizeOut;
    const gx = new Float64Array(batch * N);
    const yTmp = new Float64Array(size);
    for (let b = 0; b < batch; b++) {
      const tape = scatterJtfs(this.tree, this.backend, t.data, b * N, yTmp, 0, true);
      if (tape) scatterJtfsAdjoint(this.tree, this.backend, tape, d.data, b * size, gx, b * N);
    }
    const data = t.data instanceof Float32Array ? Float32Array.from(gx) : gx;
    return { data, shape: [...t.shape] };
  }

  /**
   * Kymatio's meta(): one entry per output path, in Kymatio's meta order (sorted by key: the
   * order of forward()'s rows in format 'joint'; in format 'time' `row` maps each entry to its
   * output row): order, n, nFr, the temporal j / ξ / σ of both orders, the frequential
   * jFr / ξFr / σFr and spin.
   */
  meta(): TimeFrequencyScatteringMeta {
    if (!this.metaCache) this.metaCache = jtfsMeta(this.tree, this.filters);
    return JSON.parse(JSON.stringify(this.metaCache)) as TimeFrequencyScatteringMeta;
  }

  protected inputItemShape(): readonly number[] {
    return [this.N];
  }

  protected outputSize(): number {
    return this.tree.sizeOut;
  }

  protected shapeRule(): string {
    return `a shape [...batch, ${this.N}] (last axis = shape given to the constructor)`;
  }

  protected computeRange(data: FloatArray, b0: number, b1: number, out: FloatArray): void {
    const size = this.tree.sizeOut;
    for (let b = b0; b < b1; b++)
      scatterJtfs(this.tree, this.backend, data, b * this.N, out, b * size, false);
  }

  protected workerOptions(): TimeFrequencyScatteringOptions {
    return { ...this.options, onWarning: null };
  }
}
