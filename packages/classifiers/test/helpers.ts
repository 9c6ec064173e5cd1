import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Random } from "@scatterkit/core";

export type Arr = { shape: number[]; data: number[] };

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON fixtures
export function fixture(name: string): any {
  return JSON.parse(readFileSync(join(__dirname, "fixtures", name), "utf8"));
}

export function tensor(a: Arr, f32 = false): { data: Float64Array | Float32Array; shape: number[] } {
  return { data: f32 ? Float32Array.from(a.data) : Float64Array.from(a.data), shape: a.shape };
}

/** Gaussian blobs: k classes in d dims, n per class, class means on a scaled random simplex. */
export function blobs(seed: number, k: number, nPer: number, d: number, spread = 2) {
  const rng = new Random(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => spread * rng.normal()));
  const n = k * nPer;
  const X = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    y[i] = c;
    for (let j = 0; j < d; j++) X[i * d + j] = centres[c][j] + rng.normal();
  }
  return { X: { data: X, shape: [n, d] as [number, number] }, y, n, d, k };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Independent gradient of C sum logloss + 0.5||W||^2 (plain loops, no blocking). */
export function logisticGradient(
  X: Float64Array | Float32Array,
  n: number,
  d: number,
  y: ArrayLike<number>,
  k: number,
  W: Float64Array,
  b: Float64Array,
  C: number,
): Float64Array {
  const g = new Float64Array(k * d + k);
  for (let c = 0; c < k * d; c++) g[c] = W[c];
  const z = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let c = 0; c < k; c++) {
      let s = b[c];
      for (let j = 0; j < d; j++) s += W[c * d + j] * X[i * d + j];
      z[c] = s;
      m = Math.max(m, s);
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(z[c] - m);
    for (let c = 0; c < k; c++) {
      const r = C * (Math.exp(z[c] - m) / sum - (y[i] === c ? 1 : 0));
      g[k * d + c] += r;
      for (let j = 0; j < d; j++) g[c * d + j] += r * X[i * d + j];
    }
  }
  return g;
}
