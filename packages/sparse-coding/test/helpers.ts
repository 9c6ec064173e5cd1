import { Random, type Tensor } from "@scatterkit/core";

/** Seeded standard normals from @scatterkit/core's Random, for reproducible test problems. */
export function gauss(seed: number): () => number {
  const r = new Random(seed);
  return () => r.normal();
}

/** Random Gaussian matrix [n, p] and a response from a sparse ground truth plus noise. */
export function problem(seed: number, n: number, p: number, k = 3, noise = 0.1) {
  const g = gauss(seed);
  const X = new Float64Array(n * p);
  for (let i = 0; i < X.length; i++) X[i] = g();
  const beta = new Float64Array(p);
  for (let t = 0; t < Math.min(k, p); t++) beta[(t * 7 + seed) % p] = 1 + Math.abs(g());
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += X[i * p + j] * beta[j];
    y[i] = s + noise * g();
  }
  const T: Tensor<Float64Array> = { data: X, shape: [n, p] };
  return { X: T, y, beta };
}

/** ||X^T y||_inf / n: the smallest alpha giving w = 0. */
export function alphaMax(X: Tensor, y: Float64Array): number {
  const [n, p] = X.shape;
  let m = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X.data[i * p + j] * y[i];
    m = Math.max(m, Math.abs(s));
  }
  return m / n;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
