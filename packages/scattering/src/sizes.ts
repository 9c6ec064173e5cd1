/**
 * The size and warning rules every transform follows (CONTRACT.md "Sizes and warnings"):
 * a configuration whose estimated memory exceeds what the implementation can hold (a typed
 * array of at most 2^31 - 1 elements, int32 indexing in the kernels) or the `maxMemoryBytes`
 * limit (default: half of the machine's memory in Node.js, 2 GiB in a browser) is refused with
 * a {@link MemoryLimitError} stating the estimate and the limit, before anything large is
 * allocated; where Kymatio only warns, the transform computes and reports the warning once per
 * object through `onWarning` (default `console.warn`).
 * @module
 */
import { ParameterError } from "@scatterkit/core";
import { machineMemoryBytes } from "./parallel/platform";

/** Largest number of elements of one buffer the transforms index (int32 offsets). */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/** Options every transform accepts for these rules. */
export interface SizeOptions {
  /**
   * Refuse configurations whose estimated memory exceeds this many bytes (default: half of the
   * machine's memory in Node.js, 2 GiB in a browser).
   */
  maxMemoryBytes?: number;
  /**
   * Receives each warning (default: `console.warn`); called at most once per warning and object.
   * null: no warning (worker threads rebuilding a transform use it).
   */
  onWarning?: ((message: string) => void) | null;
}

const gib = (b: number) => `${(b / 2 ** 30).toPrecision(3)} GiB`;

/**
 * Thrown when a configuration cannot be held: its message names the parameter, the value given,
 * the estimated memory (or element count) and the limit.
 */
export class MemoryLimitError extends ParameterError {
  /** Estimated bytes the configuration needs. */
  readonly estimateBytes: number;
  /** The limit it exceeds, in bytes. */
  readonly limitBytes: number;
  constructor(parameter: string, value: unknown, estimateBytes: number, limitBytes: number, why: string) {
    super(
      parameter,
      value,
      `a configuration that fits: estimated ${gib(estimateBytes)} (${estimateBytes.toExponential(3)} bytes), limit ${gib(limitBytes)} (${why})`,
    );
    this.estimateBytes = estimateBytes;
    this.limitBytes = limitBytes;
  }
}

/** The default memory limit: half of the machine's memory in Node.js, 2 GiB elsewhere. */
export function defaultMaxMemoryBytes(): number {
  const total = machineMemoryBytes();
  return total > 0 ? total / 2 : 2 ** 31;
}

/**
 * Refuses (MemoryLimitError on `parameter`) a configuration needing `estimateBytes` in total
 * or a single buffer of `largestElements` elements, before anything is allocated.
 */
export function checkMemory(
  parameter: string,
  value: unknown,
  estimateBytes: number,
  largestElements: number,
  options: SizeOptions | undefined,
): void {
  const max = options?.maxMemoryBytes;
  if (max !== undefined && !(typeof max === "number" && max > 0)) {
    throw new ParameterError("maxMemoryBytes", max, "a positive number of bytes");
  }
  if (!(largestElements <= MAX_ELEMENTS)) {
    throw new MemoryLimitError(
      parameter,
      value,
      estimateBytes,
      MAX_ELEMENTS * 8,
      `one buffer of ${largestElements.toExponential(3)} elements; at most 2^31 - 1 elements per buffer`,
    );
  }
  const limit = max ?? defaultMaxMemoryBytes();
  if (!(estimateBytes <= limit)) {
    throw new MemoryLimitError(
      parameter,
      value,
      estimateBytes,
      limit,
      max !== undefined
        ? "the maxMemoryBytes option"
        : "default maxMemoryBytes: half of the machine's memory, 2 GiB in a browser",
    );
  }
}

/** Reports `message` through options.onWarning, else console.warn. */
export function warn(options: SizeOptions | undefined, message: string): void {
  const f = options?.onWarning;
  if (f === null) return;
  if (f !== undefined && typeof f !== "function") {
    throw new ParameterError("onWarning", f, "a function (message: string) => void, or null");
  }
  if (f) f(message);
  else console.warn(message);
}

/**
 * True when the impulse response of a real, even Fourier-domain filter hF (length N) stays above
 * `criterion` at lag floor(N/2) - 1: Kymatio's `compute_temporal_support` then finds no support
 * inside the signal and warns "Signal support is too small to avoid border effects" (its l1
 * residual criterion reduces to |h[floor(N/2) - 1]| <= criterion). O(N), no allocation.
 */
export function supportTooSmall(hF: ArrayLike<number>, criterion = 1e-3): boolean {
  const N = hF.length;
  const t = Math.floor(N / 2) - 1;
  if (t < 0) return true;
  let re = 0;
  let im = 0;
  for (let k = 0; k < N; k++) {
    const a = (2 * Math.PI * ((k * t) % N)) / N;
    re += hF[k] * Math.cos(a);
    im += hF[k] * Math.sin(a);
  }
  return Math.hypot(re, im) / N > criterion;
}
