/**
 * Convolutional sparse coding: convolutional basis pursuit denoising (CBPDN)
 * solved by ADMM in the Fourier domain (Wohlberg, "Efficient algorithms for
 * convolutional sparse representations", IEEE TIP 2016), 1-D and 2-D, on @scatterkit/fft.
 */
import {
  type FloatArray,
  ParameterError,
  ShapeError,
  type Tensor,
  checkInteger,
  checkNumber,
  checkTensor,
  checkOptions,
} from "@scatterkit/core";
import { type ComplexPlan, complexPlan } from "@scatterkit/fft";

/** Options of {@link cbpdn}. */
export interface CbpdnOptions {
  /** l1 weight lambda > 0 (see {@link cbpdn} for the objective). */
  lambda: number;
  /** ADMM penalty rho (default 50 lambda + 1, as sporco). */
  rho?: number;
  /** Maximum ADMM iterations (default 500). */
  maxIter?: number;
  /** Relative primal and dual residual tolerance (default 1e-4). */
  tol?: number;
  /** Over-relaxation parameter in (0, 2) (default 1.8). */
  relaxation?: number;
  /** Adapt rho by residual balancing every 10 iterations (default true). */
  autoRho?: boolean;
  /** Constrain the coefficient maps to be >= 0 (default false). */
  nonNegative?: boolean;
  /** Initial coefficient maps (warm start), same shape as the output. */
  warmStart?: Tensor;
}

/** Result of {@link cbpdn}. */
export interface CbpdnResult {
  /** Coefficient maps x_m, shape [M, ...signalShape], the input's float type (the sparse ADMM variable Y). */
  x: Tensor;
  /** Objective at x. */
  objective: number;
  /** Iterations performed. */
  nIter: number;
  /** Relative primal and dual residuals at the end. */
  primalResidual: number;
  dualResidual: number;
  /** Final rho. */
  rho: number;
  /** Objective at every iteration. */
  history: Float64Array;
}

interface Geometry {
  M: number;
  dims: number[]; // signal shape (1 or 2 entries)
  fdims: number[]; // filter shape
  P: number; // points per map
  plans: ComplexPlan[];
}

function geometry(D: Tensor, s: Tensor): Geometry {
  const rank = s.shape.length;
  if (rank !== 1 && rank !== 2) throw new ShapeError("s.shape", s.shape, "a 1-D [N] or 2-D [H, W] signal");
  if (D.shape.length !== rank + 1) {
    throw new ShapeError(
      "D.shape",
      D.shape,
      `[M, ${rank === 1 ? "L" : "Lh, Lw"}] (one filter per atom, same number of axes as the signal ${JSON.stringify(s.shape)})`,
    );
  }
  const fdims = D.shape.slice(1);
  for (let a = 0; a < rank; a++) {
    if (fdims[a] > s.shape[a]) {
      throw new ShapeError(
        "D.shape",
        D.shape,
        `filters no larger than the signal ${JSON.stringify(s.shape)} on every axis`,
      );
    }
  }
  const dims = [...s.shape];
  return {
    M: D.shape[0],
    dims,
    fdims,
    P: dims.reduce((a, b) => a * b, 1),
    plans: dims.map((d) => complexPlan(d)),
  };
}

/** In-place n-D FFT of one interleaved complex map at complex offset `off`. */
function fftMap(g: Geometry, buf: Float64Array, off: number, inverse: boolean): void {
  if (g.dims.length === 1) {
    if (inverse) g.plans[0].inverse(buf, buf, off, off);
    else g.plans[0].forward(buf, buf, off, off);
    return;
  }
  const [H, W] = g.dims;
  for (let r = 0; r < H; r++) {
    const o = off + r * W;
    if (inverse) g.plans[1].inverse(buf, buf, o, o);
    else g.plans[1].forward(buf, buf, o, o);
  }
  for (let c = 0; c < W; c++) {
    const o = off + c;
    if (inverse) g.plans[0].inverse(buf, buf, o, o, W, W);
    else g.plans[0].forward(buf, buf, o, o, W, W);
  }
}

/** Fourier transforms of the zero-padded filters: interleaved complex, M maps of P points. */
function filterSpectra(g: Geometry, D: Tensor): Float64Array {
  const { M, P, dims, fdims } = g;
  const Df = new Float64Array(2 * M * P);
  const fsize = fdims.reduce((a, b) => a * b, 1);
  for (let m = 0; m < M; m++) {
    for (let q = 0; q < fsize; q++) {
      let pos: number;
      if (dims.length === 1) pos = q;
      else pos = Math.floor(q / fdims[1]) * dims[1] + (q % fdims[1]);
      Df[2 * (m * P + pos)] = D.data[m * fsize + q];
    }
    fftMap(g, Df, m * P, false);
  }
  return Df;
}

/**
 * Sum of circular convolutions sum_m d_m * x_m (filters zero-padded to the signal
 * size, origin at index 0): (d * x)[n] = sum_k d[(n - k) mod N] x[k] on each axis.
 * D: [M, L] or [M, Lh, Lw]; x: [M, N] or [M, H, W]. Returns the signal ([N] or [H, W]).
 */
export function cscReconstruct(D: Tensor, x: Tensor): Tensor {
  checkTensor("D", D);
  checkTensor("x", x);
  if (x.shape[0] !== D.shape[0]) {
    throw new ShapeError("x.shape", x.shape, `first axis = number of filters ${D.shape[0]}`);
  }
  const s = { data: new Float64Array(x.data.length / x.shape[0]), shape: x.shape.slice(1) };
  const g = geometry(D, s);
  const Df = filterSpectra(g, D);
  const buf = new Float64Array(2 * g.P);
  const acc = new Float64Array(2 * g.P);
  for (let m = 0; m < g.M; m++) {
    buf.fill(0);
    for (let i = 0; i < g.P; i++) buf[2 * i] = x.data[m * g.P + i];
    fftMap(g, buf, 0, false);
    for (let i = 0; i < g.P; i++) {
      const dr = Df[2 * (m * g.P + i)];
      const di = Df[2 * (m * g.P + i) + 1];
      acc[2 * i] += dr * buf[2 * i] - di * buf[2 * i + 1];
      acc[2 * i + 1] += dr * buf[2 * i + 1] + di * buf[2 * i];
    }
  }
  fftMap(g, acc, 0, true);
  const out = x.data instanceof Float32Array ? new Float32Array(g.P) : new Float64Array(g.P);
  for (let i = 0; i < g.P; i++) out[i] = acc[2 * i];
  return { data: out, shape: s.shape };
}

/**
 * Convolutional basis pursuit denoising,
 *   min_x (1/2) || sum_m d_m * x_m - s ||_2^2 + lambda sum_m ||x_m||_1,
 * (circular convolution, filters d_m zero-padded to the signal size with their origin at index 0),
 * solved by ADMM with the split x = y (Wohlberg 2016):
 *   x-step: (D^H D + rho I) x = D^H s + rho (y - u), diagonal per frequency f and solved
 *           by Sherman-Morrison: with a = conj(D(f)) (length M),
 *           x(f) = (b - a (a^H b) / (rho + a^H a)) / rho,  b = a s(f) + rho (y(f) - u(f));
 *   y-step: y = S_{lambda/rho}(alpha_r x + (1 - alpha_r) y + u)  (soft threshold; max(., 0) if nonNegative);
 *   u-step: u = u + alpha_r x + (1 - alpha_r) y_old - y.
 * D: [M, L] with s: [N] (1-D) or D: [M, Lh, Lw] with s: [H, W] (2-D). Returns y (exactly sparse).
 */
export function cbpdn(D: Tensor, s: Tensor, options: CbpdnOptions): CbpdnResult {
  checkTensor("D", D);
  checkTensor("s", s);
  const o = checkOptions<CbpdnOptions>("options", options);
  const lambda = checkNumber("lambda", o.lambda, { min: 0, minExclusive: true });
  let rho = o.rho === undefined ? 50 * lambda + 1 : checkNumber("rho", o.rho, { min: 0, minExclusive: true });
  const maxIter = o.maxIter === undefined ? 500 : checkInteger("maxIter", o.maxIter, 1);
  const tol = o.tol === undefined ? 1e-4 : checkNumber("tol", o.tol, { min: 0 });
  const relax =
    o.relaxation === undefined
      ? 1.8
      : checkNumber("relaxation", o.relaxation, { min: 0, minExclusive: true, max: 1.99 });
  const autoRho = o.autoRho ?? true;
  const nonNeg = o.nonNegative ?? false;
  const g = geometry(D, s);
  const { M, P } = g;
  for (let m = 0; m < M; m++) {
    let e = 0;
    const fs = D.data.length / M;
    for (let q = 0; q < fs; q++) e += D.data[m * fs + q] ** 2;
    if (e === 0) {
      throw new ParameterError(
        `D filter ${m}`,
        "an all-zero filter",
        "filters with non-zero energy (a zero filter has no effect; remove it)",
      );
    }
  }
  const Df = filterSpectra(g, D);
  const Sf = new Float64Array(2 * P);
  for (let i = 0; i < P; i++) Sf[2 * i] = s.data[i];
  fftMap(g, Sf, 0, false);
  // D^H s per map and |D(f)|^2 summed over maps
  const DhS = new Float64Array(2 * M * P);
  const dd = new Float64Array(P);
  for (let m = 0; m < M; m++) {
    for (let i = 0; i < P; i++) {
      const k = 2 * (m * P + i);
      const dr = Df[k];
      const di = Df[k + 1];
      DhS[k] = dr * Sf[2 * i] + di * Sf[2 * i + 1];
      DhS[k + 1] = dr * Sf[2 * i + 1] - di * Sf[2 * i];
      dd[i] += dr * dr + di * di;
    }
  }
  const MP = M * P;
  const X = new Float64Array(MP);
  const Y = new Float64Array(MP);
  const U = new Float64Array(MP);
  const Yold = new Float64Array(MP);
  if (o.warmStart !== undefined) {
    const w = checkTensor("warmStart", o.warmStart);
    if (w.data.length !== MP)
      throw new ShapeError("warmStart.shape", w.shape, JSON.stringify([M, ...g.dims]));
    for (let i = 0; i < MP; i++) Y[i] = w.data[i];
  }
  const B = new Float64Array(2 * MP);
  const hist: number[] = [];
  let it = 0;
  let rPrim = Infinity;
  let rDual = Infinity;
  const objective = (): number => {
    // (1/2)||D y - s||^2 + lambda ||y||_1 evaluated in the Fourier domain (Parseval)
    for (let i = 0; i < MP; i++) {
      B[2 * i] = Y[i];
      B[2 * i + 1] = 0;
    }
    for (let m = 0; m < M; m++) fftMap(g, B, m * P, false);
    let e = 0;
    for (let i = 0; i < P; i++) {
      let re = -Sf[2 * i];
      let im = -Sf[2 * i + 1];
      for (let m = 0; m < M; m++) {
        const k = 2 * (m * P + i);
        re += Df[k] * B[k] - Df[k + 1] * B[k + 1];
        im += Df[k] * B[k + 1] + Df[k + 1] * B[k];
      }
      e += re * re + im * im;
    }
    let l1 = 0;
    for (let i = 0; i < MP; i++) l1 += Math.abs(Y[i]);
    return (0.5 * e) / P + lambda * l1;
  };
  while (it < maxIter) {
    it++;
    // x-step in the Fourier domain
    for (let i = 0; i < MP; i++) {
      B[2 * i] = Y[i] - U[i];
      B[2 * i + 1] = 0;
    }
    for (let m = 0; m < M; m++) fftMap(g, B, m * P, false);
    for (let i = 0; i < P; i++) {
      // b = D^H s + rho (y - u); c = D(f) . b = a^H b
      let cr = 0;
      let ci = 0;
      for (let m = 0; m < M; m++) {
        const k = 2 * (m * P + i);
        const br = DhS[k] + rho * B[k];
        const bi = DhS[k + 1] + rho * B[k + 1];
        B[k] = br;
        B[k + 1] = bi;
        cr += Df[k] * br - Df[k + 1] * bi;
        ci += Df[k] * bi + Df[k + 1] * br;
      }
      const den = rho + dd[i];
      cr /= den;
      ci /= den;
      for (let m = 0; m < M; m++) {
        const k = 2 * (m * P + i);
        // a = conj(D): a * c = (dr - i di)(cr + i ci)
        const ar = Df[k] * cr + Df[k + 1] * ci;
        const ai = Df[k] * ci - Df[k + 1] * cr;
        B[k] = (B[k] - ar) / rho;
        B[k + 1] = (B[k + 1] - ai) / rho;
      }
    }
    for (let m = 0; m < M; m++) fftMap(g, B, m * P, true);
    for (let i = 0; i < MP; i++) X[i] = B[2 * i];
    // y-step and u-step with over-relaxation
    Yold.set(Y);
    const t = lambda / rho;
    let nx = 0;
    let ny = 0;
    let nr = 0;
    let ns = 0;
    let nu = 0;
    for (let i = 0; i < MP; i++) {
      const xr = relax * X[i] + (1 - relax) * Yold[i];
      const v = xr + U[i];
      const yv = nonNeg ? (v > t ? v - t : 0) : v > t ? v - t : v < -t ? v + t : 0;
      Y[i] = yv;
      U[i] = v - yv;
      nx += X[i] * X[i];
      ny += yv * yv;
      nr += (X[i] - yv) ** 2;
      ns += (yv - Yold[i]) ** 2;
      nu += U[i] * U[i];
    }
    rPrim = Math.sqrt(nr) / Math.max(Math.sqrt(nx), Math.sqrt(ny), 1e-300);
    rDual = Math.sqrt(ns) / Math.max(Math.sqrt(nu), 1e-300);
    hist.push(objective());
    if (rPrim < tol && rDual < tol) break;
    if (autoRho && it % 10 === 0) {
      // residual balancing (Boyd et al. 2010, sec. 3.4.1) on the unscaled residuals
      const rp = Math.sqrt(nr);
      const rd = rho * Math.sqrt(ns);
      let f = 1;
      if (rp > 10 * rd) f = 2;
      else if (rd > 10 * rp) f = 0.5;
      if (f !== 1) {
        rho *= f;
        for (let i = 0; i < MP; i++) U[i] /= f;
      }
    }
  }
  const out: FloatArray = s.data instanceof Float32Array ? Float32Array.from(Y) : Float64Array.from(Y);
  return {
    x: { data: out, shape: [M, ...g.dims] },
    objective: hist[hist.length - 1],
    nIter: it,
    primalResidual: rPrim,
    dualResidual: rDual,
    rho,
    history: Float64Array.from(hist),
  };
}
