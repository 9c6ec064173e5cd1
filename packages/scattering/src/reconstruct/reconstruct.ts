/**
 * Reconstruction from scattering coefficients: find x whose transform S(x) matches a target
 * S(x0), by minimising f(x) = ½ ‖S(x) − S(x0)‖² over x with the exact gradient
 * ∇f(x) = vjp(x, S(x) − S(x0)), from noise. Two methods:
 *
 * - 'lbfgs' (default): limited-memory BFGS (two-loop recursion, memory m) with a backtracking
 *   line search (Armijo condition); an iteration is one accepted step.
 * - 'gd': the gradient descent with "bold driver" steps of Kymatio's example
 *   (examples/1d/reconstruct_torch.py): minimise ‖S(x) − S(x0)‖, step −lr · ∇, lr × 1.1 after a
 *   success, lr × 0.55 and the step rejected after a failure.
 *
 * The relative error ‖S(x) − S(x0)‖ / ‖S(x0)‖ is recorded at the start and after every iteration.
 * @module
 */
import {
  ParameterError,
  Random,
  type Tensor,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptions,
  checkTensor,
} from "@scatterkit/core";

/** A transform with a forward pass and its vector-Jacobian product (vjp). */
export interface DifferentiableTransform {
  forward(x: Tensor): Tensor;
  /** Gradient with respect to x of sum(dy · forward(x)). */
  vjp(x: Tensor, dy: Tensor): Tensor;
}

/** Options of {@link reconstruct}. */
export interface ReconstructOptions {
  /** Shape of x (the transform's input shape), needed unless `init` is given. */
  shape?: readonly number[];
  /** Starting point; default: standard Gaussian noise (seeded by `seed`). */
  init?: Tensor;
  /** Seed of the starting noise (default 0). */
  seed?: number;
  /** 'lbfgs' (default) or 'gd' (Kymatio's bold-driver gradient descent). */
  method?: "lbfgs" | "gd";
  /** Maximum number of iterations (default 200). */
  maxIterations?: number;
  /** Stop once the relative error is at most this (default 0: run every iteration). */
  tolerance?: number;
  /** Stop after this many seconds (default: no limit). */
  maxSeconds?: number;
  /** L-BFGS memory (default 10). */
  memory?: number;
  /** Initial learning rate of 'gd' (default 100, Kymatio's example). */
  learningRate?: number;
  /** Called after every iteration with its index (1-based), relative error and elapsed seconds. */
  onIteration?: (iteration: number, relativeError: number, seconds: number) => void;
}

/** Result of {@link reconstruct}. */
export interface ReconstructResult {
  /** The reconstructed input (float64). */
  x: Tensor<Float64Array>;
  /** Relative error ‖S(x) − target‖ / ‖target‖: errors[0] at the start, errors[k] after iteration k. */
  errors: number[];
  /** Elapsed seconds after each iteration (seconds[0] = 0). */
  seconds: number[];
  /** Iterations run. */
  iterations: number;
  /** Forward passes (each gradient adds one vjp). */
  forwardCalls: number;
  vjpCalls: number;
}

/**
 * n standard normal values (mean 0, variance 1, independent) drawn from @scatterkit/core's seeded
 * generator: `new Random(seed)` and n calls of its `normal()`, so the same seed gives the same
 * values on every platform. `seed` is any integer (ParameterError otherwise); n an integer >= 0.
 */
export function gaussianNoise(n: number, seed = 0): Float64Array {
  checkInteger("n", n, 0);
  const rng = new Random(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Finds x with S(x) ≈ target by minimising ½‖S(x) − target‖² from noise (see the module
 * documentation for the two methods). `target` is S(x0), a tensor of S.forward's output shape.
 * Returns x and the relative error ‖S(x) − target‖ / ‖target‖ per iteration.
 */
export function reconstruct(
  S: DifferentiableTransform,
  target: Tensor,
  options: ReconstructOptions = {},
): ReconstructResult {
  checkOptions("options", options);
  const tgt = checkTensor("target", target);
  const method = checkOneOf("method", options.method ?? "lbfgs", ["lbfgs", "gd"]);
  const maxIt = checkInteger("maxIterations", options.maxIterations ?? 200, 0);
  const tol = checkNumber("tolerance", options.tolerance ?? 0, { min: 0 });
  const maxSeconds =
    options.maxSeconds === undefined ? Infinity : checkNumber("maxSeconds", options.maxSeconds, { min: 0 });
  const m = checkInteger("memory", options.memory ?? 10, 1);
  let shape: number[];
  let x: Float64Array;
  if (options.init !== undefined) {
    const i = checkTensor("init", options.init);
    shape = [...i.shape];
    x = Float64Array.from(i.data);
  } else {
    if (!Array.isArray(options.shape)) {
      throw new ParameterError("shape", options.shape, "the transform's input shape (or pass init)");
    }
    shape = options.shape.map((v, k) => checkInteger(`shape[${k}]`, v, 1));
    x = gaussianNoise(
      shape.reduce((a, b) => a * b, 1),
      options.seed ?? 0,
    );
  }
  const T = Float64Array.from(tgt.data);
  const tNorm = Math.sqrt(dot(T, T));
  if (!(tNorm > 0)) throw new ParameterError("target", "all zeros", "a target with non-zero norm");
  let forwardCalls = 0;
  let vjpCalls = 0;
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;

  /** Residual r = S(x) − target and f = ½‖r‖². */
  const evalF = (v: Float64Array): { r: Float64Array; f: number } => {
    forwardCalls++;
    const y = S.forward({ data: v, shape });
    if (y.data.length !== T.length) {
      throw new ParameterError("target", tgt.shape, `S.forward's output shape [${y.shape}]`);
    }
    const r = new Float64Array(T.length);
    for (let i = 0; i < r.length; i++) r[i] = y.data[i] - T[i];
    return { r, f: 0.5 * dot(r, r) };
  };
  const grad = (v: Float64Array, r: Float64Array): Float64Array => {
    vjpCalls++;
    return Float64Array.from(S.vjp({ data: v, shape }, { data: r, shape: tgt.shape }).data);
  };
  const relErr = (f: number) => Math.sqrt(2 * f) / tNorm;

  let { r, f } = evalF(x);
  const errors = [relErr(f)];
  const seconds = [0];
  const report = (k: number) => {
    const s = elapsed();
    errors.push(relErr(f));
    seconds.push(s);
    options.onIteration?.(k, relErr(f), s);
  };
  let it = 0;
  const n = x.length;

  if (method === "gd") {
    // Kymatio's example: loss ‖r‖, gradient J^T r / ‖r‖, bold-driver learning rate
    let lr = checkNumber("learningRate", options.learningRate ?? 100, { min: 0, minExclusive: true });
    let g = grad(x, r);
    let norm = Math.sqrt(2 * f);
    for (let i = 0; i < n; i++) g[i] /= norm;
    while (it < maxIt && errors[errors.length - 1] > tol && elapsed() < maxSeconds) {
      const cand = new Float64Array(n);
      for (let i = 0; i < n; i++) cand[i] = x[i] - lr * g[i];
      const e = evalF(cand);
      it++;
      if (e.f > f) {
        lr *= 0.55; // failure: brake, keep x and its gradient
      } else {
        lr *= 1.1;
        x = cand;
        r = e.r;
        f = e.f;
        g = grad(x, r);
        norm = Math.sqrt(2 * f);
        if (norm > 0) for (let i = 0; i < n; i++) g[i] /= norm;
      }
      report(it);
    }
  } else {
    let g = grad(x, r);
    const S_: Float64Array[] = [];
    const Y_: Float64Array[] = [];
    const rho: number[] = [];
    while (it < maxIt && errors[errors.length - 1] > tol && elapsed() < maxSeconds) {
      // two-loop recursion: d = -H g
      const q = Float64Array.from(g);
      const alpha: number[] = [];
      for (let k = S_.length - 1; k >= 0; k--) {
        const a = rho[k] * dot(S_[k], q);
        alpha[k] = a;
        const y = Y_[k];
        for (let i = 0; i < n; i++) q[i] -= a * y[i];
      }
      let gamma: number;
      if (S_.length > 0) {
        const k = S_.length - 1;
        gamma = dot(S_[k], Y_[k]) / dot(Y_[k], Y_[k]);
      } else {
        const gg = dot(g, g);
        gamma = gg > 0 ? (2 * f) / gg : 1; // first step: the step that zeroes f if S were linear along g
      }
      for (let i = 0; i < n; i++) q[i] *= gamma;
      for (let k = 0; k < S_.length; k++) {
        const b = rho[k] * dot(Y_[k], q);
        const s = S_[k];
        for (let i = 0; i < n; i++) q[i] += (alpha[k] - b) * s[i];
      }
      const d = q;
      for (let i = 0; i < n; i++) d[i] = -d[i];
      let slope = dot(g, d);
      if (!(slope < 0)) {
        // not a descent direction: restart from steepest descent
        S_.length = 0;
        Y_.length = 0;
        rho.length = 0;
        const gg = dot(g, g);
        if (gg === 0) break;
        for (let i = 0; i < n; i++) d[i] = (-g[i] * 2 * f) / gg;
        slope = dot(g, d);
      }
      // backtracking line search (Armijo, c = 1e-4)
      let step = 1;
      let accepted: { r: Float64Array; f: number } | null = null;
      const cand = new Float64Array(n);
      for (let tries = 0; tries < 30; tries++) {
        for (let i = 0; i < n; i++) cand[i] = x[i] + step * d[i];
        const e = evalF(cand);
        if (e.f <= f + 1e-4 * step * slope) {
          accepted = e;
          break;
        }
        step *= 0.5;
      }
      it++;
      if (!accepted) {
        report(it);
        break;
      }
      const gNew = grad(cand, accepted.r);
      const s = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        s[i] = cand[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      const sy = dot(s, y);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        S_.push(s);
        Y_.push(y);
        rho.push(1 / sy);
        if (S_.length > m) {
          S_.shift();
          Y_.shift();
          rho.shift();
        }
      }
      x = Float64Array.from(cand);
      r = accepted.r;
      f = accepted.f;
      g = gNew;
      report(it);
    }
  }
  return { x: { data: x, shape }, errors, seconds, iterations: it, forwardCalls, vjpCalls };
}
