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
 * @module
 */
import {
  type FloatArray,
  ParameterError,
  ShapeError,
  type Tensor,
  checkInteger,
  checkNumber,
  checkTensor,
  shapeSize,
} from "@scatterkit/core";
import {
  type FilterBank1D,
  gauss1d,
  periodizeFourier,
  resolveQ,
  scatteringFilterBank1D,
} from "@scatterkit/filter-banks";
import { ParallelForward } from "../parallel/pool";
import { type SizeOptions, checkMemory, supportTooSmall, warn } from "../sizes";
import {
  type FrequencyFilter,
  type FrequencyFilterBank,
  type TimePadding,
  frequencyFilterBank,
  paddedFrequencyLength,
  reflectPadAdj,
  reflectPadInto,
  timePadding,
} from "./filters";
import {
  type FrequencyPathPlan,
  FrequencyWork,
  columnSpectra,
  columnSpectraAdj,
  frequencyPathBackward,
  frequencyPathForward,
  kernelHalfWidth,
  kernelOf,
  kernelRows,
  lowpassMatrix,
} from "./frequency";
import { Scratch, fftInPlace, filterFold, filterFoldAdj, ifftInPlace, modulusAdj } from "./ops";

/** Constructor options of {@link TimeFrequencyScattering} (Kymatio's names in camelCase). */
export interface TimeFrequencyScatteringOptions extends SizeOptions {
  /** Maximum log-scale in time (temporal wavelets reach 2^J). Integer >= 0. */
  J: number;
  /** Maximum log-scale along log-frequency, in first-order filters (Kymatio's J_fr). Integer >= 0. */
  Jfr: number;
  /** First-order wavelets per octave: q means [q, 1]; [Q1, Q2] sets both orders. */
  Q: number | readonly [number] | readonly [number, number];
  /** Signal length N >= 2. */
  shape: number | readonly [number];
  /** Temporal low-pass width, 1 <= T <= N, or 'global' (sum over time). Default 2^J. */
  T?: number | "global";
  /** Temporal output step, a power of two. Default 2^floor(log2 T). */
  stride?: number;
  /** Frequential wavelets per octave (Kymatio's Q_fr), an integer >= 1. Default 1. */
  Qfr?: number | readonly [number];
  /**
   * Frequential low-pass width in first-order filters, 1 <= F <= (J + 1)·Q1; 'global' (sum over
   * the frequency axis); 0 (no frequential averaging, format 'time' only). Default 2^Jfr.
   */
  F?: number | "global";
  /** Frequential output step, a power of two (local F only). Default 2^floor(log2 F). */
  strideFr?: number;
  /** 'time' (default): [..., P, Nout]; 'joint': [..., P, Nfr, Nout] (no zeroth order). */
  format?: "time" | "joint";
}

/** Kymatio's meta() of a TimeFrequencyScattering: one entry per output path, output order. */
export interface TimeFrequencyScatteringMeta {
  /** Scattering order: 0, 1, 2 ('time'); 1, 2 ('joint'). */
  order: number[];
  /**
   * 'time': [n1, n2] (null where absent); 'joint': [list of the n1 the path covers, n2 or null].
   */
  n: (number | number[] | null)[][];
  /** Frequential filter index (null at order 0). */
  nFr: (number | null)[];
  /** [j1, j2] of the temporal wavelets (null where absent; j1 is null in format 'joint'). */
  j: (number | null)[][];
  xi: (number | null)[][];
  sigma: (number | null)[][];
  /** j, ξ and σ of the frequential filter (null at order 0). */
  jFr: (number | null)[];
  xiFr: (number | null)[];
  sigmaFr: (number | null)[];
  /** Sign of ξ_fr: +1 up, -1 down, 0 the frequential low-pass (null at order 0). */
  spin: (number | null)[];
  /** Kymatio's path keys (tuples n), as arrays. */
  key: number[][];
  /**
   * Row of forward()'s output that each entry describes. Kymatio sorts meta() by key while its
   * forward output keeps the order of computation, so in format 'time' the two orders differ.
   */
  row: number[];
}

/** One frequency-scattering output of Kymatio's generator, before splitting ('joint' path). */
interface JointPath {
  order: 1 | 2;
  /** Second-order temporal wavelet index (-1 at first order). */
  n2: number;
  /** j2 of that wavelet (second order). */
  j2: number;
  fr: FrequencyFilter;
  /** First-order rows entering the frequential transform (n1 = 0 .. n1max - 1). */
  n1max: number;
  /** Frequential subsampling exponent of the wavelet step. */
  kFr: number;
  /** Rows after the wavelet step (nPaddedFr / 2^kFr) and after frequential averaging. */
  rowsY: number;
  rowsA: number;
  /** Frequential averaging: 'local' (φ_F at level kIn, subsampling 2^kJ), 'global' (sum) or none. */
  avgFr: "local" | "global" | null;
  kIn: number;
  kJ: number;
  n1Stride: number;
  /** Time length of the wavelet output (before temporal averaging). */
  Mt: number;
  /** Output rows this path writes ('time': one per kept frequency row; 'joint': 1). */
  slots: number[];
  /** n1 values of its output rows (0, n1Stride, 2 n1Stride, ...). */
  n1List: number[];
  /** The frequential engine's plan (routes, kernels, averaging matrices). */
  plan: FrequencyPathPlan;
}

interface FirstOrderTime {
  n1: number;
  j1: number;
  k1: number;
  /** ψ1 at full resolution. */
  psi: Float64Array;
  /** φ at level k1. */
  phi: Float64Array;
  /** Subsampling exponent of S1 after φ. */
  kT: number;
}

interface SecondOrderTime {
  n2: number;
  j2: number;
  /** Rows n1 < n1max have j1 < j2. */
  n1max: number;
  /** ψ2 at level k1 of each row, and the subsampling exponent k2. */
  psi: Float64Array[];
  k2: number[];
  /** Time length of Y2 (Np / 2^(k1 + k2), the same for every row). */
  M2: number;
  /** φ at level j2 for the temporal averaging (local T). */
  phi: Float64Array | null;
  kT: number;
}

/** Intermediate values of one signal's forward pass that the vjp needs. */
interface Tape {
  X: Float64Array; // spectrum of the padded signal, complex Np
  Z1: Float64Array[]; // x ⋆ ψ1 subsampled, complex M1 per n1
  U1hat: Float64Array[]; // fft |Z1|, complex M1 per n1
  S1: Float64Array; // n1max1 × Nt real
}

/**
 * Joint time-frequency scattering (JTFS) equal to Kymatio 0.4's TimeFrequencyScattering
 * (NumPy frontend, out_type 'array'), computed in float64.
 *
 * forward(x): x [...batch, N] → 'time': [...batch, P, Nout] (order 0, 1, 2 paths on one axis);
 * 'joint': [...batch, P, Nfr, Nout] (first- and second-order paths, each with its frequential
 * axis). Float32Array in, Float32Array out; the input is never modified.
 */
export class TimeFrequencyScattering {
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

  private readonly options: TimeFrequencyScatteringOptions;
  private readonly nPadded: number;
  private readonly Nt: number;
  private readonly first: FirstOrderTime[];
  private readonly second: SecondOrderTime[];
  private readonly paths1: JointPath[];
  private readonly paths2: JointPath[][];
  private readonly phi0: Float64Array;
  private readonly scratch = new Scratch();
  private readonly work = new FrequencyWork();
  private readonly sizeOut: number;
  private readonly parallel = new ParallelForward("TimeFrequencyScattering", () => ({
    ...this.options,
    onWarning: null,
  }));
  private metaCache: TimeFrequencyScatteringMeta | null = null;

  constructor(options: TimeFrequencyScatteringOptions) {
    if (typeof options !== "object" || options === null) {
      throw new ParameterError(
        "options",
        options,
        "an object { J, Jfr, Q, shape, T?, stride?, Qfr?, F?, strideFr?, format? }",
      );
    }
    this.options = { ...options };
    const { J, Jfr, Q, shape, T, stride, Qfr = 1, F, strideFr, format = "time" } = options;
    this.J = checkInteger("J", J, 0, 30);
    this.Jfr = checkInteger("Jfr", Jfr, 0, 30);
    const N = Array.isArray(shape) && shape.length === 1 ? shape[0] : shape;
    this.N = checkInteger("shape", N, 2);
    if (Q === undefined)
      throw new ParameterError("Q", Q, "an integer >= 1 or an array [Q1, Q2] of integers >= 1");
    this.Q = resolveQ(Q);
    // Q_fr: an integer or a 1-tuple (Kymatio: a pair would mean third-order scattering)
    if (Array.isArray(Qfr)) {
      if (Qfr.length !== 1) {
        throw new ParameterError(
          "Qfr",
          Qfr,
          "an integer >= 1 or a one-element array (Kymatio has no second frequential order)",
        );
      }
      this.Qfr = checkInteger("Qfr", Qfr[0], 1);
    } else {
      this.Qfr = checkInteger("Qfr", Qfr, 1);
    }
    if (format !== "time" && format !== "joint")
      throw new ParameterError("format", format, "'time' or 'joint'");
    this.format = format;

    // T (Kymatio's parse_T)
    if (T === "global") {
      this.T = 2 ** this.J;
      this.average = "global";
    } else if (T === undefined || T === null) {
      this.T = 2 ** this.J;
      this.average = "local";
    } else {
      checkNumber("T", T, { min: 0, max: this.N });
      if (T === 0) {
        throw new ParameterError(
          "T",
          T,
          "a width >= 1 or 'global' (T = 0 leaves no averaging and no array output)",
        );
      }
      this.T = checkNumber("T", T, { min: 1, max: this.N });
      this.average = "local";
    }
    const log2T = Math.floor(Math.log2(this.T));
    if (stride === undefined || stride === null) {
      this.log2Stride = log2T;
    } else {
      if (this.average === "global") {
        throw new ParameterError("stride", stride, "no stride with T = 'global' (one output sample)");
      }
      const ok =
        typeof stride === "number" &&
        Number.isInteger(stride) &&
        stride >= 1 &&
        (stride & (stride - 1)) === 0;
      const top = Math.max(log2T, this.J);
      if (!ok || stride > 2 ** top) {
        throw new ParameterError("stride", stride, `a power of two in [1, ${2 ** top}]`);
      }
      this.log2Stride = Math.round(Math.log2(stride));
    }

    // F (parse_T with N_input_fr = (J + 1) Q1)
    const nInputFr = (this.J + 1) * this.Q[0];
    if (F === "global") {
      this.F = 2 ** this.Jfr;
      this.averageFr = "global";
    } else if (F === undefined || F === null) {
      this.F = 2 ** this.Jfr;
      this.averageFr = "local";
    } else {
      checkNumber("F", F, { min: 0 });
      if (F > nInputFr) {
        throw new ParameterError("F", F, `at most (J + 1)·Q1 = ${nInputFr} (or 'global')`);
      }
      if (F === 0) {
        this.F = 2 ** this.Jfr;
        this.averageFr = false;
      } else {
        this.F = checkNumber("F", F, { min: 1 });
        this.averageFr = "local";
      }
    }
    const log2F = Math.floor(Math.log2(this.F));
    if (strideFr === undefined || strideFr === null) {
      this.log2StrideFr = log2F;
    } else {
      if (this.averageFr !== "local") {
        throw new ParameterError("strideFr", strideFr, `no frequential stride with F = ${describeF(F)}`);
      }
      const ok =
        typeof strideFr === "number" &&
        Number.isInteger(strideFr) &&
        strideFr >= 1 &&
        (strideFr & (strideFr - 1)) === 0;
      if (!ok) throw new ParameterError("strideFr", strideFr, "a power of two");
      this.log2StrideFr = Math.round(Math.log2(strideFr));
    }
    if (format === "joint" && this.averageFr === false) {
      throw new ParameterError(
        "F",
        F,
        "a frequential averaging (F >= 1 or 'global') with format 'joint'; use format 'time' with F = 0",
      );
    }

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
      checkMemory("shape", shape, bytes, nFr * npMax, options);
    }

    // temporal padding and filters
    const ls = this.log2Stride;
    const rMax = Math.max(log2T, this.J);
    this.padding = timePadding(this.N, this.T, rMax);
    const Np = this.padding.nPadded;
    this.nPadded = Np;
    if (2 ** Math.max(this.J, ls) > Np) {
      throw new ParameterError(
        "J",
        this.J,
        `an integer with 2**J <= ${Np} (the padded length for shape ${this.N})`,
      );
    }
    this.filters = scatteringFilterBank1D(Np, this.J, this.Q, this.T);
    const { phi, psi1, psi2 } = this.filters;
    const aliasFree = psi1.every((f) => f.xi < 0.5 / 2 ** f.j);
    const ordered = psi1.every((a) => psi2.every((b) => !(a.j < b.j) || a.xi > b.xi));
    if (!aliasFree || !ordered) {
      throw new ParameterError(
        "Q",
        Q,
        `wavelets per octave that pass Kymatio's filter-bank check (fails for J=${this.J}, Q=[${this.Q}])`,
      );
    }
    const local = this.average === "local";
    const phiLevel = (k: number): Float64Array =>
      k < phi.levels.length ? phi.levels[k] : periodizeFourier(phi.levels[0], 2 ** k);
    this.phi0 = phi.levels[0];
    this.Nt = Np / 2 ** ls;
    this.first = psi1.map((p, n1) => {
      const k1 = local ? Math.min(p.j, ls) : p.j;
      if (ls - k1 < 0)
        throw new ParameterError("T", T, "a width whose subsampling covers every first-order wavelet");
      return { n1, j1: p.j, k1, psi: p.levels[0], phi: phiLevel(k1), kT: ls - k1 };
    });
    this.second = [];
    for (let n2 = 0; n2 < psi2.length; n2++) {
      const j2 = psi2[n2].j;
      const rows = this.first.filter((f) => j2 > f.j1);
      if (rows.length === 0) continue;
      const lvl = (k: number) =>
        k < psi2[n2].levels.length ? psi2[n2].levels[k] : periodizeFourier(psi2[n2].levels[0], 2 ** k);
      const k2 = rows.map((f) => (local ? Math.min(j2 - f.k1, ls) : j2 - f.k1));
      const tot = rows.map((f, i) => f.k1 + k2[i]);
      if (tot.some((t) => t !== tot[0]) || (local && ls < j2)) {
        throw new ParameterError(
          "stride",
          2 ** ls,
          `a temporal stride of at least 2^${j2} (the subsampling of the second-order wavelet n2=${n2}; Kymatio fails below it)`,
        );
      }
      this.second.push({
        n2,
        j2,
        n1max: rows.length,
        psi: rows.map((f) => lvl(f.k1)),
        k2,
        M2: Np / 2 ** tot[0],
        phi: local ? phiLevel(j2) : null,
        kT: local ? ls - j2 : 0,
      });
    }

    // frequential padding and filters
    this.nPaddedFr = paddedFrequencyLength(this.J, this.Q[0], this.Jfr, this.F);
    this.filtersFr = frequencyFilterBank(this.nPaddedFr, this.Jfr, this.Qfr, this.F);
    const NFr = this.nPaddedFr;
    const lsFr = this.log2StrideFr;
    const avgLocalFr = this.averageFr === "local";
    if (psi1.length > NFr)
      throw new ParameterError(
        "Jfr",
        Jfr,
        "a value whose padded frequency axis holds every first-order filter",
      );

    const kernels = new Map<number, Float64Array>();
    const halfWidths = new Map<number, number>();
    const outLength = local ? this.padding.indEnd[ls] - this.padding.indStart[ls] : 1;
    const makePath = (
      order: 1 | 2,
      n2: number,
      j2: number,
      fr: FrequencyFilter,
      n1max: number,
      Mt: number,
    ): JointPath => {
      const kFr = avgLocalFr ? Math.min(fr.j, lsFr) : fr.j;
      if (NFr % 2 ** kFr !== 0) {
        throw new ParameterError(
          "strideFr",
          2 ** lsFr,
          `a frequential subsampling dividing the padded frequency length ${NFr}`,
        );
      }
      const rowsY = NFr / 2 ** kFr;
      let avgFr: JointPath["avgFr"] = null;
      let kIn = 0;
      let kJ = 0;
      let rowsA = rowsY;
      let n1Stride = 2 ** fr.j;
      if (this.averageFr && fr.spin !== 0) {
        if (this.averageFr === "global") {
          avgFr = "global";
          rowsA = 1;
          n1Stride = n1max;
        } else {
          avgFr = "local";
          kIn = Math.min(fr.j, log2F);
          kJ = lsFr - kIn;
          if (kIn !== kFr || kJ < 0 || rowsY % 2 ** kJ !== 0) {
            throw new ParameterError(
              "strideFr",
              2 ** lsFr,
              `a frequential stride compatible with F = ${this.F} and the frequential wavelets (Kymatio fails for this pair)`,
            );
          }
          rowsA = rowsY / 2 ** kJ;
          n1Stride = 2 ** lsFr;
        }
      }
      const n1List: number[] = [];
      for (let n1 = 0; n1 < n1max; n1 += n1Stride) n1List.push(n1);
      if (format === "time") {
        const kept = Math.min(rowsA, 1 + Math.floor(n1max / n1Stride));
        if (n1List.length > kept) {
          throw new ParameterError(
            "F",
            F,
            "a frequential subsampling that keeps a row for every output path",
          );
        }
      }
      // the frequential engine's plan
      const rowsOut = format === "time" ? n1List.length : rowsA;
      const rowsComputed = avgFr ? rowsY : Math.min(rowsY, rowsOut);
      let kern = kernels.get(fr.nFr);
      if (!kern) {
        kern = kernelOf(fr.h);
        kernels.set(fr.nFr, kern);
      }
      const rowsK = kernelRows(kern, NFr, 2 ** kFr, rowsComputed, n1max);
      const activeK: number[] = [];
      for (let r = 0; r < rowsComputed; r++) if (rowsK.rowStart[r + 1] > rowsK.rowStart[r]) activeK.push(r);
      // flops per time column: taps (complex products) plus modulus and averaging per active row,
      // against a fold and an inverse FFT of rowsY points plus the same per row
      const perRow = 6 + 2 * (avgFr === "local" ? rowsOut : 1);
      const matrixCost = 8 * rowsK.tapN.length + perRow * activeK.length;
      const fftCost = 4 * NFr + 12 * rowsY * Math.log2(Math.max(rowsY, 2)) + perRow * rowsComputed;
      const route = matrixCost <= fftCost ? "matrix" : "fft";
      const active =
        route === "matrix"
          ? Int32Array.from(activeK)
          : Int32Array.from({ length: rowsComputed }, (_, r) => r);
      // time columns reaching the output (see FrequencyPathPlan.c0)
      let c0 = 0;
      let c1 = Mt;
      if (local && order === 1) {
        c0 = this.padding.indStart[ls];
        c1 = c0 + outLength;
      } else if (local && order === 2) {
        const so = this.second.find((q) => q.n2 === n2) as SecondOrderTime;
        const step = 2 ** so.kT;
        let w = halfWidths.get(so.n2);
        if (w === undefined) {
          w = kernelHalfWidth(so.phi as Float64Array, 1e-13);
          halfWidths.set(so.n2, w);
        }
        const i0 = this.padding.indStart[ls];
        const a = i0 * step - w;
        const b = (i0 + outLength - 1) * step + w + 1;
        if (a > 0 && b < Mt) {
          c0 = a;
          c1 = b;
        }
      }
      const plan: FrequencyPathPlan = {
        NFr,
        c0,
        c1,
        h: fr.h,
        kFr,
        rowsY,
        rowsComputed,
        n1max,
        Mt,
        route,
        kernel: route === "matrix" ? rowsK : null,
        active,
        avgFr,
        Wf: avgFr === "local" ? lowpassMatrix(this.filtersFr.phiF.levels[kIn], 2 ** kJ, rowsOut) : null,
        rowsOut,
        time: !local ? "sum" : order === 2 ? "lowpass" : "none",
        phiT: local && order === 2 ? (this.second.find((q) => q.n2 === n2) as SecondOrderTime).phi : null,
        kT: local && order === 2 ? (this.second.find((q) => q.n2 === n2) as SecondOrderTime).kT : 0,
        i0: local ? this.padding.indStart[ls] : 0,
        L: outLength,
      };
      return {
        order,
        n2,
        j2,
        fr,
        n1max,
        kFr,
        rowsY,
        rowsA,
        avgFr,
        kIn,
        kJ,
        n1Stride,
        Mt,
        slots: [],
        n1List,
        plan,
      };
    };
    const n1max1 = psi1.length;
    this.paths1 = this.filtersFr.psis
      .filter((f) => f.xi >= 0)
      .map((fr) => makePath(1, -1, -1, fr, n1max1, this.Nt));
    this.paths2 = this.second.map((so) =>
      this.filtersFr.psis.map((fr) => makePath(2, so.n2, so.j2, fr, so.n1max, so.M2)),
    );

    // output slots in Kymatio's order: order 0, then the first-order paths, then the second
    // order (n2 outer, n_fr inner), each split into its n1 rows in format 'time'
    let slot = format === "time" ? 1 : 0;
    const all = [...this.paths1, ...this.paths2.flat()];
    for (const p of all) {
      const count = format === "time" ? p.n1List.length : 1;
      for (let i = 0; i < count; i++) p.slots.push(slot++);
    }
    this.nPaths = slot;
    this.outputLength = local ? this.padding.indEnd[ls] - this.padding.indStart[ls] : 1;
    if (format === "joint") {
      const rows = all.map((p) => p.rowsA);
      if (rows.some((r) => r !== rows[0])) {
        throw new ParameterError(
          "F",
          F,
          "a frequential averaging that gives every path the same frequency length in format 'joint' (Kymatio cannot stack them otherwise; use format 'time')",
        );
      }
      this.outputFrequencies = rows[0];
    } else {
      this.outputFrequencies = 0;
    }
    this.sizeOut = this.nPaths * (format === "joint" ? this.outputFrequencies : 1) * this.outputLength;
    // Where Kymatio warns (its compute_temporal_support of φ on N samples), compute and warn once.
    if (supportTooSmall(gauss1d(this.N, 0.1 / this.T))) {
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
  forward(x: Tensor): Tensor {
    const t = this.checkInput(x);
    const batch = shapeSize(t.shape.slice(0, -1));
    const out: FloatArray =
      t.data instanceof Float32Array
        ? new Float32Array(batch * this.sizeOut)
        : new Float64Array(batch * this.sizeOut);
    for (let b = 0; b < batch; b++) this.forwardOne(t.data, b * this.N, out, b * this.sizeOut, null);
    return { data: out, shape: this.outputShape(t.shape) };
  }

  /**
   * Same result as {@link forward}, with the batch split across worker threads where available
   * (Node.js, built package); otherwise on the calling thread.
   */
  async forwardAsync(x: Tensor): Promise<Tensor> {
    const t = this.checkInput(x);
    const N = this.N;
    const size = this.sizeOut;
    const data = await this.parallel.run({
      data: t.data,
      batch: shapeSize(t.shape.slice(0, -1)),
      inSize: N,
      itemShape: [N],
      outSize: size,
      local: (b0, b1, out) => {
        for (let b = b0; b < b1; b++) this.forwardOne(t.data, b * N, out, b * size, null);
      },
    });
    return data ? { data, shape: this.outputShape(t.shape) } : this.forward(t);
  }

  /** Stops the worker threads of {@link forwardAsync}, if any were started. */
  async dispose(): Promise<void> {
    await this.parallel.dispose();
  }

  /**
   * Vector-Jacobian product: the gradient with respect to x of sum(dy · forward(x)), dy of
   * forward(x)'s shape; the result has x's shape and float type. Computed by the adjoint of
   * every step (conjugate filters, the modulus' derivative z/|z|, the adjoints of the
   * periodisations, paddings and unpaddings) in about three forward passes.
   */
  vjp(x: Tensor, dy: Tensor): Tensor {
    const t = this.checkInput(x);
    const d = checkTensor("dy", dy, { minRank: 1 });
    const want = this.outputShape(t.shape);
    if (d.shape.length !== want.length || d.shape.some((s, i) => s !== want[i])) {
      throw new ShapeError("dy.shape", d.shape, `forward(x)'s shape [${want}]`);
    }
    const batch = shapeSize(t.shape.slice(0, -1));
    const N = this.N;
    const gx = new Float64Array(batch * N);
    const yTmp = new Float64Array(this.sizeOut);
    for (let b = 0; b < batch; b++) {
      const tape = this.newTape();
      this.forwardOne(t.data, b * N, yTmp, 0, tape);
      this.backwardOne(tape, d.data, b * this.sizeOut, gx, b * N);
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
    if (!this.metaCache) this.metaCache = this.buildMeta();
    const m = this.metaCache;
    return JSON.parse(JSON.stringify(m)) as TimeFrequencyScatteringMeta;
  }

  private buildMeta(): TimeFrequencyScatteringMeta {
    const { psi1, psi2 } = this.filters;
    const entries: {
      key: number[];
      order: number;
      n: (number | number[] | null)[];
      fr: FrequencyFilter | null;
      slot: number;
    }[] = [];
    if (this.format === "time") entries.push({ key: [], order: 0, n: [null, null], fr: null, slot: 0 });
    for (const p of [...this.paths1, ...this.paths2.flat()]) {
      if (this.format === "time") {
        p.n1List.forEach((n1, i) => {
          const key = p.order === 1 ? [n1, p.fr.nFr] : [n1, p.n2, p.fr.nFr];
          entries.push({
            key,
            order: p.order,
            n: [n1, p.order === 2 ? p.n2 : null],
            fr: p.fr,
            slot: p.slots[i],
          });
        });
      } else {
        const key = p.order === 1 ? [p.fr.nFr] : [p.n2, p.fr.nFr];
        entries.push({
          key,
          order: p.order,
          n: [[...p.n1List], p.order === 2 ? p.n2 : null],
          fr: p.fr,
          slot: p.slots[0],
        });
      }
    }
    // Kymatio's meta() sorts its paths by (len(key), key); in format 'time' this order differs
    // from the order of forward()'s rows, which `row` gives for each entry.
    entries.sort((a, b) => a.key.length - b.key.length || compareKeys(a.key, b.key));
    const pick = (bank: { j: number; xi: number; sigma: number }[], v: unknown, key: "j" | "xi" | "sigma") =>
      typeof v === "number" ? bank[v][key] : null;
    const col = (key: "j" | "xi" | "sigma") =>
      entries.map((e) => [pick(psi1, e.n[0], key), pick(psi2, e.n[1], key)]);
    return {
      order: entries.map((e) => e.order),
      n: entries.map((e) => e.n),
      nFr: entries.map((e) => (e.fr ? e.fr.nFr : null)),
      j: col("j"),
      xi: col("xi"),
      sigma: col("sigma"),
      jFr: entries.map((e) => (e.fr ? e.fr.j : null)),
      xiFr: entries.map((e) => (e.fr ? e.fr.xi : null)),
      sigmaFr: entries.map((e) => (e.fr ? e.fr.sigma : null)),
      spin: entries.map((e) => (e.fr ? e.fr.spin : null)),
      key: entries.map((e) => e.key),
      row: entries.map((e) => e.slot),
    };
  }

  private checkInput(x: Tensor): Tensor {
    const t = checkTensor("x", x, { minRank: 1 });
    if (t.shape[t.shape.length - 1] !== this.N) {
      throw new ShapeError(
        "x.shape",
        t.shape,
        `a shape [...batch, ${this.N}] (last axis = shape given to the constructor)`,
      );
    }
    return t;
  }

  private newTape(): Tape {
    return { X: new Float64Array(0), Z1: [], U1hat: [], S1: new Float64Array(0) };
  }

  /** One signal: x[xOff .. xOff + N) → out[oOff .. oOff + sizeOut); records the tape if given. */
  private forwardOne(
    x: ArrayLike<number>,
    xOff: number,
    out: FloatArray | Float64Array,
    oOff: number,
    tape: Tape | null,
  ): void {
    const Np = this.nPadded;
    const { padLeft, padRight } = this.padding;
    const ls = this.log2Stride;
    const local = this.average === "local";
    const L = this.outputLength;
    const xp = new Float64Array(Np);
    reflectPadInto(x, xOff, this.N, padLeft, padRight, xp);
    const X = new Float64Array(2 * Np);
    for (let i = 0; i < Np; i++) X[2 * i] = xp[i];
    fftInPlace(X, Np);

    // order 0
    if (this.format === "time") {
      if (local) {
        const z = new Float64Array(2 * (Np >> ls));
        filterFold(X, this.phi0, Np, 2 ** ls, z);
        ifftInPlace(z, Np >> ls);
        const i0 = this.padding.indStart[ls];
        for (let i = 0; i < L; i++) out[oOff + i] = z[2 * (i0 + i)];
      } else {
        let acc = 0;
        for (let i = 0; i < Np; i++) acc += xp[i];
        out[oOff] = acc;
      }
    }

    // first order in time: U1 = |x ⋆ ψ1|, S1 = U1 ⋆ φ
    const Nt = this.Nt;
    const n1max1 = this.first.length;
    const S1 = new Float64Array(n1max1 * Nt);
    const U1hat: Float64Array[] = [];
    const Z1s: Float64Array[] = [];
    for (const fo of this.first) {
      const M1 = Np >> fo.k1;
      const z = new Float64Array(2 * M1);
      filterFold(X, fo.psi, Np, 2 ** fo.k1, z);
      ifftInPlace(z, M1);
      const u = new Float64Array(2 * M1);
      for (let i = 0; i < M1; i++) {
        const re = z[2 * i];
        const im = z[2 * i + 1];
        u[2 * i] = Math.sqrt(re * re + im * im);
      }
      fftInPlace(u, M1);
      U1hat.push(u);
      if (tape) Z1s.push(z);
      const w = new Float64Array(2 * Nt);
      filterFold(u, fo.phi, M1, 2 ** fo.kT, w);
      ifftInPlace(w, Nt);
      for (let i = 0; i < Nt; i++) S1[fo.n1 * Nt + i] = w[2 * i];
    }
    if (tape) {
      tape.X = X;
      tape.Z1 = Z1s;
      tape.U1hat = U1hat;
      tape.S1 = S1;
    }

    // first order in frequency (S1 as a complex block)
    const S1c = new Float64Array(2 * n1max1 * Nt);
    for (let i = 0; i < n1max1 * Nt; i++) S1c[2 * i] = S1[i];
    this.blockForward(this.paths1, S1c, out, oOff);

    // second order
    for (let i = 0; i < this.second.length; i++) {
      const Y2 = this.secondOrderStack(this.second[i], U1hat);
      this.blockForward(this.paths2[i], Y2, out, oOff);
    }
  }

  /** Y2 rows n1 < n1max: ifft(fold(U1hat[n1] · ψ2 at level k1, 2^k2)), complex, n1max × M2. */
  private secondOrderStack(so: SecondOrderTime, U1hat: Float64Array[]): Float64Array {
    const M2 = so.M2;
    const Y2 = new Float64Array(2 * so.n1max * M2);
    for (let r = 0; r < so.n1max; r++) {
      const M1 = this.nPadded >> this.first[r].k1;
      const z = Y2.subarray(2 * r * M2, 2 * (r + 1) * M2);
      filterFold(U1hat[r], so.psi[r], M1, 2 ** so.k2[r], z);
      ifftInPlace(z, M2);
    }
    return Y2;
  }

  /** Forward of the frequential paths of one block (complex, rows × Mt). */
  private blockForward(
    paths: JointPath[],
    X: Float64Array,
    out: FloatArray | Float64Array,
    oOff: number,
  ): void {
    const p0 = paths[0].plan;
    const c0 = Math.min(...paths.map((p) => p.plan.c0));
    const c1 = Math.max(...paths.map((p) => p.plan.c1));
    const Xhat = paths.some((p) => p.plan.route === "fft")
      ? columnSpectra(X, p0.n1max, p0.Mt, p0.NFr, c0, c1)
      : null;
    for (const p of paths) {
      frequencyPathForward(p.plan, X, Xhat, this.work, this.scratch, out, (r) => {
        const o = this.outputIndex(p, r);
        return o < 0 ? -1 : oOff + o;
      });
    }
  }

  /** Adjoint of {@link blockForward}: the gradient of the block X (complex, rows × Mt). */
  private blockBackward(paths: JointPath[], X: Float64Array, dy: FloatArray, dOff: number): Float64Array {
    const p0 = paths[0].plan;
    const useFft = paths.some((p) => p.plan.route === "fft");
    const c0 = Math.min(...paths.map((p) => p.plan.c0));
    const c1 = Math.max(...paths.map((p) => p.plan.c1));
    const Xhat = useFft ? columnSpectra(X, p0.n1max, p0.Mt, p0.NFr, c0, c1) : null;
    const dXhat = useFft ? new Float64Array(2 * p0.Mt * p0.NFr) : null;
    const dX = new Float64Array(2 * p0.n1max * p0.Mt);
    for (const p of paths) {
      frequencyPathBackward(
        p.plan,
        X,
        Xhat,
        this.work,
        this.scratch,
        dy,
        (r) => {
          const o = this.outputIndex(p, r);
          return o < 0 ? -1 : dOff + o;
        },
        dX,
        dXhat,
      );
    }
    if (dXhat) columnSpectraAdj(dXhat, p0.n1max, p0.Mt, p0.NFr, dX, c0, c1);
    return dX;
  }

  /** Where output row r of path p lands in one signal's output, or -1. */
  private outputIndex(p: JointPath, r: number): number {
    if (this.format === "time") {
      return r < p.slots.length ? p.slots[r] * this.outputLength : -1;
    }
    return (p.slots[0] * this.outputFrequencies + r) * this.outputLength;
  }

  private backwardOne(tape: Tape, dy: FloatArray, dOff: number, gx: Float64Array, gOff: number): void {
    const Np = this.nPadded;
    const ls = this.log2Stride;
    const local = this.average === "local";
    const L = this.outputLength;
    const dX = new Float64Array(2 * Np);
    const dxp = new Float64Array(Np);

    // order 0
    if (this.format === "time") {
      if (local) {
        const Mo = Np >> ls;
        const g = new Float64Array(2 * Mo);
        const i0 = this.padding.indStart[ls];
        for (let i = 0; i < L; i++) g[2 * (i0 + i)] = dy[dOff + i] / Mo;
        fftInPlace(g, Mo);
        filterFoldAdj(g, this.phi0, Np, 2 ** ls, dX);
      } else {
        for (let i = 0; i < Np; i++) dxp[i] += dy[dOff];
      }
    }

    // gradient of every U1hat row
    const dU1hat = this.first.map((fo) => new Float64Array(2 * (Np >> fo.k1)));
    const Nt = this.Nt;

    // first-order frequency paths → dS1 → dU1hat
    const n1max1 = this.first.length;
    const S1c = new Float64Array(2 * n1max1 * Nt);
    for (let i = 0; i < n1max1 * Nt; i++) S1c[2 * i] = tape.S1[i];
    const dS1 = this.blockBackward(this.paths1, S1c, dy, dOff); // complex; S1 is real: keep Re
    for (const fo of this.first) {
      const M1 = Np >> fo.k1;
      const g = new Float64Array(2 * Nt);
      for (let i = 0; i < Nt; i++) g[2 * i] = dS1[2 * (fo.n1 * Nt + i)] / Nt;
      fftInPlace(g, Nt);
      filterFoldAdj(g, fo.phi, M1, 2 ** fo.kT, dU1hat[fo.n1]);
    }

    // second-order paths → dY2 → dU1hat
    for (let i = 0; i < this.second.length; i++) {
      const so = this.second[i];
      const Y2 = this.secondOrderStack(so, tape.U1hat);
      const dY2 = this.blockBackward(this.paths2[i], Y2, dy, dOff);
      const M2 = so.M2;
      for (let r = 0; r < so.n1max; r++) {
        const g = dY2.subarray(2 * r * M2, 2 * (r + 1) * M2);
        for (let k = 0; k < 2 * M2; k++) g[k] /= M2;
        fftInPlace(g, M2);
        const M1 = Np >> this.first[r].k1;
        filterFoldAdj(g, so.psi[r], M1, 2 ** so.k2[r], dU1hat[r]);
      }
    }

    // U1hat = fft(|Z1|), Z1 = ifft(fold(X · ψ1))
    for (const fo of this.first) {
      const M1 = Np >> fo.k1;
      const g = dU1hat[fo.n1];
      ifftInPlace(g, M1);
      const dU1 = new Float64Array(M1);
      for (let i = 0; i < M1; i++) dU1[i] = M1 * g[2 * i];
      const dZ = new Float64Array(2 * M1);
      modulusAdj(tape.Z1[fo.n1], 0, dU1, 0, M1, dZ, 0);
      for (let k = 0; k < 2 * M1; k++) dZ[k] /= M1;
      fftInPlace(dZ, M1);
      filterFoldAdj(dZ, fo.psi, Np, 2 ** fo.k1, dX);
    }

    // X = fft(xp), xp = reflect-pad(x)
    ifftInPlace(dX, Np);
    for (let i = 0; i < Np; i++) dxp[i] += Np * dX[2 * i];
    reflectPadAdj(dxp, this.N, this.padding.padLeft, this.padding.padRight, gx, gOff);
  }
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function describeF(F: unknown): string {
  return F === "global" ? "'global'" : String(F);
}
