import { ParameterError, ShapeError, shapeSize } from "@scatterkit/core";
import { type Complex, checkSize, complexPlan, internalPlan } from "./plan";
import { realPlan } from "./real-plan";
import { WasmEngine, ndInMemory } from "./wasm";

function like(x: Complex, length: number): Complex {
  return x instanceof Float32Array ? new Float32Array(length) : new Float64Array(length);
}

function checkInterleaved(name: string, x: unknown, n?: number): Complex {
  if (!(x instanceof Float64Array || x instanceof Float32Array)) {
    throw new ParameterError(name, x, "a Float64Array or Float32Array of interleaved complex values");
  }
  if (x.length % 2 !== 0 || x.length === 0) {
    throw new ParameterError(`${name}.length`, x.length, "an even length >= 2 (interleaved re, im)");
  }
  if (n !== undefined && x.length !== 2 * n) {
    throw new ParameterError(`${name}.length`, x.length, `${2 * n} (2 * ${n} interleaved values)`);
  }
  return x;
}

function checkShape(shape: unknown, length: number): number[] {
  if (!Array.isArray(shape) || shape.length === 0) {
    throw new ParameterError("shape", shape, "a non-empty array of integers >= 1");
  }
  shape.forEach((s, i) => {
    checkSize(`shape[${i}]`, s);
  });
  if (2 * shapeSize(shape) !== length) {
    throw new ShapeError(
      "shape",
      shape,
      `a shape whose product is ${length / 2} (data holds ${length / 2} complex values)`,
    );
  }
  return shape as number[];
}

/**
 * Forward complex FFT (numpy.fft.fft) of one interleaved vector of n complex values
 * (length 2n): X[k] = sum_{j<n} x[j] e^{-2 pi i k j / n}. Returns a new array of the
 * input's type (computed in float64).
 */
export function fft(x: Complex): Complex {
  checkInterleaved("x", x);
  const out = like(x, x.length);
  complexPlan(x.length / 2).forward(x, out);
  return out;
}

/**
 * Inverse complex FFT (numpy.fft.ifft): x[j] = (1/n) sum_{k<n} X[k] e^{+2 pi i k j / n}
 * of one interleaved vector; returns a new array of the input's type.
 */
export function ifft(x: Complex): Complex {
  checkInterleaved("x", x);
  const out = like(x, x.length);
  complexPlan(x.length / 2).inverse(x, out);
  return out;
}

/**
 * Real FFT (numpy.fft.rfft) of n real values: X[k] = sum_{j<n} x[j] e^{-2 pi i k j / n}
 * for k = 0..floor(n/2), returned as floor(n/2)+1 interleaved complex bins of the input's type.
 */
export function rfft(x: Float64Array | Float32Array): Complex {
  if (!(x instanceof Float64Array || x instanceof Float32Array) || x.length === 0) {
    throw new ParameterError("x", x, "a non-empty Float64Array or Float32Array");
  }
  const n = x.length;
  const out = like(x, 2 * ((n >> 1) + 1));
  realPlan(n).forward(x, out);
  return out;
}

/**
 * Inverse real FFT (numpy.fft.irfft): x[j] = (1/n) sum_{k<n} Y[k] e^{+2 pi i k j / n}
 * with Y the Hermitian extension of the given bins (imaginary parts of bin 0 and, for
 * even n, bin n/2 ignored). As numpy, the bins are cropped or zero-padded to floor(n/2)+1.
 * @param n output length (default 2 * (bins - 1), as numpy).
 */
export function irfft(X: Complex, n?: number): Complex {
  checkInterleaved("X", X);
  const bins = X.length / 2;
  const size = n === undefined ? 2 * (bins - 1) : checkSize("n", n);
  if (size < 1) throw new ParameterError("n", size, "an integer >= 1 (give n when X has a single bin)");
  const need = (size >> 1) + 1;
  let src = X;
  if (bins !== need) {
    // numpy crops or zero-pads the spectrum to n/2+1 bins.
    src = new Float64Array(2 * need);
    src.set(X.subarray(0, Math.min(X.length, 2 * need)));
  }
  const out = like(X, size);
  realPlan(size).inverse(src, out);
  return out;
}

/** Column-block budget (complex values) of the batched column path of {@link fftAxis}. */
const BLOCK = 8192;

/**
 * Complex FFT along one axis of a row-major complex array with the given shape
 * (shape counts complex elements): for every index outside `axis`,
 * y[..., k, ...] = sum_j x[..., j, ...] e^{-2 pi i k j / n} (inverse: e^{+...} / n).
 * Writes to `out` (may be `data` itself; default `data`, in place) and returns it.
 * Rows of the last axis are transformed directly; for inner axes, blocks of
 * columns are gathered into contiguous scratch and transformed together.
 */
export function fftAxis(
  data: Complex,
  shape: readonly number[],
  axis: number,
  { inverse = false, out }: { inverse?: boolean; out?: Complex } = {},
): Complex {
  checkInterleaved("data", data);
  const sh = checkShape(shape, data.length);
  if (!Number.isInteger(axis) || axis < -sh.length || axis >= sh.length) {
    throw new ParameterError("axis", axis, `an integer in [${-sh.length}, ${sh.length - 1}]`);
  }
  const ax = axis < 0 ? axis + sh.length : axis;
  const dst = out ?? data;
  if (!(dst instanceof Float64Array || dst instanceof Float32Array)) {
    throw new ParameterError("out", dst, "a Float64Array or Float32Array");
  }
  if (dst.length !== data.length) {
    throw new ParameterError("out.length", dst.length, `${data.length} (the length of data)`);
  }
  const n = sh[ax];
  let inner = 1;
  for (let i = ax + 1; i < sh.length; i++) inner *= sh[i];
  const outer = shapeSize(sh) / (n * inner);
  const sign = inverse ? 1 : -1;
  const engine = n > 1 ? internalPlan(n).engine : null;
  if (engine instanceof WasmEngine) {
    // One copy into SIMD module memory, every row / column block there, one copy out.
    if (ndInMemory(data, dst, [outer, n, inner], [null, engine, null], inverse)) return dst;
  }
  if (inner === 1) {
    const plan = complexPlan(n);
    for (let o = 0; o < outer; o++) {
      if (inverse) plan.inverse(data, dst, o * n, o * n);
      else plan.forward(data, dst, o * n, o * n);
    }
    return dst;
  }
  const plan = internalPlan(n);
  const f64 = data instanceof Float64Array && dst instanceof Float64Array;
  if (f64 && n * inner <= BLOCK) {
    // The whole [n, inner] block is one batched transform read and written in place.
    for (let o = 0; o < outer; o++) plan.execBatch(sign, data, o * n * inner, dst, o * n * inner, inner);
    return dst;
  }
  const width = Math.max(1, Math.min(inner, Math.floor(BLOCK / n)));
  const g = gatherBuffer(2 * n * width);
  for (let o = 0; o < outer; o++) {
    const base = 2 * o * n * inner;
    for (let c0 = 0; c0 < inner; c0 += width) {
      const w = Math.min(width, inner - c0);
      // gather rows of w complex values into g as [n, w]
      for (let e = 0; e < n; e++) {
        const from = base + 2 * (e * inner + c0);
        const to = 2 * e * w;
        for (let t = 0; t < 2 * w; t++) g[to + t] = data[from + t];
      }
      plan.execBatch(sign, g, 0, g, 0, w);
      for (let e = 0; e < n; e++) {
        const to = base + 2 * (e * inner + c0);
        const from = 2 * e * w;
        for (let t = 0; t < 2 * w; t++) dst[to + t] = g[from + t];
      }
    }
  }
  return dst;
}

let gather = new Float64Array(0);
function gatherBuffer(doubles: number): Float64Array {
  if (gather.length < doubles) gather = new Float64Array(doubles);
  return gather;
}

function nd(data: Complex, shape: readonly number[], inverse: boolean): Complex {
  checkInterleaved("data", data);
  checkShape(shape, data.length);
  const engines = shape.map((n) => (n > 1 ? internalPlan(n).engine : null));
  if (engines.every((e) => e === null || e instanceof WasmEngine)) {
    const out = like(data, data.length);
    if (ndInMemory(data, out, shape, engines as (WasmEngine | null)[], inverse)) return out;
  }
  const last = shape.length - 1;
  // Float32 data is transformed in a float64 buffer and rounded once at the end.
  const work = new Float64Array(data.length);
  if (data instanceof Float64Array) fftAxis(data, shape, last, { inverse, out: work });
  else {
    work.set(data);
    fftAxis(work, shape, last, { inverse });
  }
  for (let a = 0; a < last; a++) fftAxis(work, shape, a, { inverse });
  return data instanceof Float64Array ? work : Float32Array.from(work);
}

/**
 * N-dimensional forward complex FFT over every axis (numpy.fft.fftn):
 * X[k] = sum_j x[j] e^{-2 pi i sum_a k_a j_a / n_a}. Returns a new array of the input's type.
 */
export function fftn(data: Complex, shape: readonly number[]): Complex {
  return nd(data, shape, false);
}

/** N-dimensional inverse complex FFT (numpy.fft.ifftn), scaled by 1 / prod(shape); returns a new array. */
export function ifftn(data: Complex, shape: readonly number[]): Complex {
  return nd(data, shape, true);
}

function check2(shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new ParameterError("shape", shape, "[rows, cols]");
  }
}

/** 2-D forward complex FFT of a row-major [rows, cols] interleaved array. */
export function fft2(data: Complex, shape: readonly [number, number] | readonly number[]): Complex {
  check2(shape);
  return fftn(data, shape);
}

/** 2-D inverse complex FFT. */
export function ifft2(data: Complex, shape: readonly [number, number] | readonly number[]): Complex {
  check2(shape);
  return ifftn(data, shape);
}

/** Interleaves a real array into a complex one (imaginary parts zero). */
export function realToComplex(x: ArrayLike<number>, out?: Complex): Complex {
  const dst = out ?? new Float64Array(2 * x.length);
  for (let i = 0; i < x.length; i++) {
    dst[2 * i] = x[i];
    dst[2 * i + 1] = 0;
  }
  return dst;
}
