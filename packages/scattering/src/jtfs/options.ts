/**
 * The options of {@link TimeFrequencyScattering} and their checks: Kymatio 0.4's parameters of
 * `TimeFrequencyScattering` in camelCase, resolved as its frontend does (`parse_T` for T and,
 * with N_input_fr = (J + 1)·Q1, for F; strides as powers of two).
 * @module
 */
import { ParameterError, checkInteger, checkNumber, checkOneOf } from "@scatterkit/core";
import { resolveQ } from "@scatterkit/filter-banks";
import type { SizeOptions } from "../sizes";

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

/** The checked and resolved parameters of a TimeFrequencyScattering. */
export interface JtfsSettings {
  J: number;
  Jfr: number;
  /** Signal length. */
  N: number;
  Q: [number, number];
  Qfr: number;
  /** Temporal low-pass width (2^J for the default and 'global'). */
  T: number;
  average: "local" | "global";
  log2Stride: number;
  /** Frequential low-pass width (2^Jfr for the default, 'global' and 0). */
  F: number;
  averageFr: "local" | "global" | false;
  log2StrideFr: number;
  format: "time" | "joint";
}

/**
 * Checks every option of a TimeFrequencyScattering and resolves the defaults (T = 2^J,
 * stride = 2^floor(log2 T), Qfr = 1, F = 2^Jfr, strideFr = 2^floor(log2 F), format 'time');
 * throws a ParameterError naming the option, the value and what is allowed.
 */
export function resolveJtfsOptions(options: TimeFrequencyScatteringOptions): JtfsSettings {
  const { J: J0, Jfr: Jfr0, Q: Q0, shape, T: T0, stride, Qfr: Qfr0 = 1, F: F0, strideFr } = options;
  const { format: format0 = "time" } = options;
  const J = checkInteger("J", J0, 0, 30);
  const Jfr = checkInteger("Jfr", Jfr0, 0, 30);
  const N = checkInteger("shape", Array.isArray(shape) && shape.length === 1 ? shape[0] : shape, 2);
  if (Q0 === undefined)
    throw new ParameterError("Q", Q0, "an integer >= 1 or an array [Q1, Q2] of integers >= 1");
  const Q = resolveQ(Q0);
  // Q_fr: an integer or a 1-tuple (Kymatio: a pair would mean third-order scattering)
  let Qfr: number;
  if (Array.isArray(Qfr0)) {
    if (Qfr0.length !== 1) {
      throw new ParameterError(
        "Qfr",
        Qfr0,
        "an integer >= 1 or a one-element array (Kymatio has no second frequential order)",
      );
    }
    Qfr = checkInteger("Qfr", Qfr0[0], 1);
  } else {
    Qfr = checkInteger("Qfr", Qfr0, 1);
  }
  const format = checkOneOf("format", format0, ["time", "joint"]);

  // T (Kymatio's parse_T)
  let T: number;
  let average: JtfsSettings["average"];
  if (T0 === "global") {
    T = 2 ** J;
    average = "global";
  } else if (T0 === undefined || T0 === null) {
    T = 2 ** J;
    average = "local";
  } else {
    checkNumber("T", T0, { min: 0, max: N });
    if (T0 === 0) {
      throw new ParameterError(
        "T",
        T0,
        "a width >= 1 or 'global' (T = 0 leaves no averaging and no array output)",
      );
    }
    T = checkNumber("T", T0, { min: 1, max: N });
    average = "local";
  }
  const log2T = Math.floor(Math.log2(T));
  let log2Stride: number;
  if (stride === undefined || stride === null) {
    log2Stride = log2T;
  } else {
    if (average === "global") {
      throw new ParameterError("stride", stride, "no stride with T = 'global' (one output sample)");
    }
    const top = Math.max(log2T, J);
    if (!isPowerOfTwo(stride) || stride > 2 ** top) {
      throw new ParameterError("stride", stride, `a power of two in [1, ${2 ** top}]`);
    }
    log2Stride = Math.round(Math.log2(stride));
  }

  // F (parse_T with N_input_fr = (J + 1) Q1)
  const nInputFr = (J + 1) * Q[0];
  let F: number;
  let averageFr: JtfsSettings["averageFr"];
  if (F0 === "global") {
    F = 2 ** Jfr;
    averageFr = "global";
  } else if (F0 === undefined || F0 === null) {
    F = 2 ** Jfr;
    averageFr = "local";
  } else {
    checkNumber("F", F0, { min: 0 });
    if (F0 > nInputFr) {
      throw new ParameterError("F", F0, `at most (J + 1)·Q1 = ${nInputFr} (or 'global')`);
    }
    if (F0 === 0) {
      F = 2 ** Jfr;
      averageFr = false;
    } else {
      F = checkNumber("F", F0, { min: 1 });
      averageFr = "local";
    }
  }
  const log2F = Math.floor(Math.log2(F));
  let log2StrideFr: number;
  if (strideFr === undefined || strideFr === null) {
    log2StrideFr = log2F;
  } else {
    if (averageFr !== "local") {
      throw new ParameterError("strideFr", strideFr, `no frequential stride with F = ${describeF(F0)}`);
    }
    if (!isPowerOfTwo(strideFr)) throw new ParameterError("strideFr", strideFr, "a power of two");
    log2StrideFr = Math.round(Math.log2(strideFr));
  }
  if (format === "joint" && averageFr === false) {
    throw new ParameterError(
      "F",
      F0,
      "a frequential averaging (F >= 1 or 'global') with format 'joint'; use format 'time' with F = 0",
    );
  }
  return { J, Jfr, N, Q, Qfr, T, average, log2Stride, F, averageFr, log2StrideFr, format };
}

/** True for an integer power of two >= 1. */
function isPowerOfTwo(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && (v & (v - 1)) === 0;
}

function describeF(F: unknown): string {
  return F === "global" ? "'global'" : String(F);
}
