/**
 * The path plan of time-frequency scattering, fixed once at construction: the first-order
 * temporal rows (n1, with their subsampling), the second-order temporal blocks (n2, the rows
 * n1 with j1 < j2), and for each block the frequential paths (one per spinned frequential
 * filter) with their subsampling, averaging, engine plan and output rows, in Kymatio's order.
 * The walk over this plan is in `core.ts` (forward) and `adjoint.ts` (vjp).
 * @module
 */
import { ParameterError } from "@scatterkit/core";
import { type FilterBank1D, periodizeFourier } from "@scatterkit/filter-banks";
import type { FrequencyFilter, FrequencyFilterBank, TimePadding } from "./filters";
import type { FrequencyPathPlan } from "./frequency";
import { kernelHalfWidth, kernelOf, kernelRows, lowpassMatrix } from "./kernels-fr";
import type { JtfsSettings } from "./options";

/** One first-order temporal row n1: U1 = |x ⋆ ψ1| at level k1, S1 = U1 ⋆ φ. */
export interface FirstOrderTime {
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

/** One second-order temporal block n2: Y2 = U1 ⋆ ψ2 for the rows n1 < n1max. */
export interface SecondOrderTime {
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

/** One frequency-scattering output of Kymatio's generator, before splitting ('joint' path). */
export interface JointPath {
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

/** The temporal half of the plan: padded length, first-order rows, second-order blocks. */
export interface TimePlan {
  /** Padded signal length Np. */
  nPadded: number;
  /** Time length of S1 (Np / 2^log2Stride). */
  Nt: number;
  /** φ at full resolution (order 0). */
  phi0: Float64Array;
  first: FirstOrderTime[];
  second: SecondOrderTime[];
}

/** The whole plan: {@link TimePlan}, the frequential paths and the output layout. */
export interface JtfsTree extends TimePlan {
  format: "time" | "joint";
  local: boolean;
  log2Stride: number;
  /** First index of the unpadded output along the averaged time axis. */
  i0: number;
  /** First-order frequential paths (up wavelets and the low-pass). */
  paths1: JointPath[];
  /** Second-order frequential paths, per second-order block. */
  paths2: JointPath[][];
  /** Number of output paths P. */
  nPaths: number;
  /** Output length along time. */
  outputLength: number;
  /** Output length along frequency ('joint'; 0 in 'time'). */
  outputFrequencies: number;
  /** Values per signal in the output. */
  sizeOut: number;
}

/**
 * The temporal rows of the plan for filters built at the padded length; throws Kymatio's
 * refusals for a T or stride whose subsampling does not cover the wavelets (`T` is the value
 * given, for the message).
 */
export function planTime(s: JtfsSettings, padding: TimePadding, filters: FilterBank1D, T: unknown): TimePlan {
  const { phi, psi1, psi2 } = filters;
  const Np = padding.nPadded;
  const ls = s.log2Stride;
  const local = s.average === "local";
  const phiLevel = (k: number): Float64Array =>
    k < phi.levels.length ? phi.levels[k] : periodizeFourier(phi.levels[0], 2 ** k);
  const first = psi1.map((p, n1) => {
    const k1 = local ? Math.min(p.j, ls) : p.j;
    if (ls - k1 < 0)
      throw new ParameterError("T", T, "a width whose subsampling covers every first-order wavelet");
    return { n1, j1: p.j, k1, psi: p.levels[0], phi: phiLevel(k1), kT: ls - k1 };
  });
  const second: SecondOrderTime[] = [];
  for (let n2 = 0; n2 < psi2.length; n2++) {
    const j2 = psi2[n2].j;
    const rows = first.filter((f) => j2 > f.j1);
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
    second.push({
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
  return { nPadded: Np, Nt: Np / 2 ** ls, phi0: phi.levels[0], first, second };
}

/**
 * The frequential paths of every block over the padded frequency axis, their output rows in
 * Kymatio's order (order 0, the first-order paths, then n2 outer and n_fr inner; in format
 * 'time' each split into its n1 rows) and the output sizes. `given` holds the values of F and
 * Jfr as given, for the messages of Kymatio's refusals.
 */
export function planFrequency(
  s: JtfsSettings,
  padding: TimePadding,
  time: TimePlan,
  filtersFr: FrequencyFilterBank,
  given: { F: unknown; Jfr: unknown },
): JtfsTree {
  const { F, Jfr } = given;
  const format = s.format;
  const NFr = filtersFr.nPaddedFr;
  const lsFr = s.log2StrideFr;
  const ls = s.log2Stride;
  const log2F = Math.floor(Math.log2(s.F));
  const avgLocalFr = s.averageFr === "local";
  const local = s.average === "local";
  if (time.first.length > NFr)
    throw new ParameterError(
      "Jfr",
      Jfr,
      "a value whose padded frequency axis holds every first-order filter",
    );

  const kernels = new Map<number, Float64Array>();
  const halfWidths = new Map<number, number>();
  const outLength = local ? padding.indEnd[ls] - padding.indStart[ls] : 1;
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
    if (s.averageFr && fr.spin !== 0) {
      if (s.averageFr === "global") {
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
            `a frequential stride compatible with F = ${s.F} and the frequential wavelets (Kymatio fails for this pair)`,
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
        throw new ParameterError("F", F, "a frequential subsampling that keeps a row for every output path");
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
      route === "matrix" ? Int32Array.from(activeK) : Int32Array.from({ length: rowsComputed }, (_, r) => r);
    // time columns reaching the output (see FrequencyPathPlan.c0)
    const so = order === 2 ? (time.second.find((q) => q.n2 === n2) as SecondOrderTime) : null;
    let c0 = 0;
    let c1 = Mt;
    if (local && order === 1) {
      c0 = padding.indStart[ls];
      c1 = c0 + outLength;
    } else if (local && so) {
      const step = 2 ** so.kT;
      let w = halfWidths.get(so.n2);
      if (w === undefined) {
        w = kernelHalfWidth(so.phi as Float64Array, 1e-13);
        halfWidths.set(so.n2, w);
      }
      const i0 = padding.indStart[ls];
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
      Wf: avgFr === "local" ? lowpassMatrix(filtersFr.phiF.levels[kIn], 2 ** kJ, rowsOut) : null,
      rowsOut,
      time: !local ? "sum" : order === 2 ? "lowpass" : "none",
      phiT: local && so ? so.phi : null,
      kT: local && so ? so.kT : 0,
      i0: local ? padding.indStart[ls] : 0,
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
  const paths1 = filtersFr.psis
    .filter((f) => f.xi >= 0)
    .map((fr) => makePath(1, -1, -1, fr, time.first.length, time.Nt));
  const paths2 = time.second.map((so) =>
    filtersFr.psis.map((fr) => makePath(2, so.n2, so.j2, fr, so.n1max, so.M2)),
  );

  // output slots in Kymatio's order: order 0, then the first-order paths, then the second
  // order (n2 outer, n_fr inner), each split into its n1 rows in format 'time'
  let slot = format === "time" ? 1 : 0;
  const all = [...paths1, ...paths2.flat()];
  for (const p of all) {
    const count = format === "time" ? p.n1List.length : 1;
    for (let i = 0; i < count; i++) p.slots.push(slot++);
  }
  const nPaths = slot;
  let outputFrequencies = 0;
  if (format === "joint") {
    const rows = all.map((p) => p.rowsA);
    if (rows.some((r) => r !== rows[0])) {
      throw new ParameterError(
        "F",
        F,
        "a frequential averaging that gives every path the same frequency length in format 'joint' (Kymatio cannot stack them otherwise; use format 'time')",
      );
    }
    outputFrequencies = rows[0];
  }
  const sizeOut = nPaths * (format === "joint" ? outputFrequencies : 1) * outLength;
  return {
    ...time,
    format,
    local,
    log2Stride: ls,
    i0: padding.indStart[ls],
    paths1,
    paths2,
    nPaths,
    outputLength: outLength,
    outputFrequencies,
    sizeOut,
  };
}

/** Where output row r of path p lands in one signal's output, or -1. */
export function outputIndex(tree: JtfsTree, p: JointPath, r: number): number {
  if (tree.format === "time") {
    return r < p.slots.length ? p.slots[r] * tree.outputLength : -1;
  }
  return (p.slots[0] * tree.outputFrequencies + r) * tree.outputLength;
}
