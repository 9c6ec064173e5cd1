/**
 * Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989) with a strong-Wolfe line
 * search (Nocedal & Wright, Numerical Optimization, Algorithms 3.5 and 3.6), on
 * Float64Array parameters. All work buffers are allocated once per call; the correction
 * pairs and the direction live in a @scatterkit/linalg VectorBank, so the two-loop recursion
 * runs on its WebAssembly SIMD kernels (same bits as plain loops summing as dot() below).
 * @internal
 */
import { VectorBank } from "@scatterkit/linalg";

/** f(x) and its gradient written into g. */
export type ObjectiveFn = (x: Float64Array, g: Float64Array) => number;

export interface LbfgsOptions {
  /** Number of correction pairs kept (default 10, as scipy's L-BFGS-B). */
  memory?: number;
  /** Maximum number of iterations. */
  maxIter: number;
  /** Stop when max_i |g_i| <= gtol(x). */
  gtol: (x: Float64Array) => number;
  /**
   * Optional diagonal preconditioner: the initial inverse Hessian is gamma * diag(precond)
   * instead of gamma * I (gamma = s.y / y.Dy from the latest pair).
   */
  precond?: Float64Array;
  /** Called after each iteration; returning false stops the solver (reason "callback"). */
  callback?: (iteration: number, f: number, gradMaxAbs: number) => boolean | undefined;
  /**
   * Mixed precision: `fg` given to lbfgs is a fast, slightly inexact evaluation (e.g. float32
   * products); `refine.fg()` returns the exact one. The solver switches to it, for good, at
   * the first of: max|g| <= refine.threshold (the gradient nears the fast evaluation's
   * rounding level), a gradient small enough to stop, a failed line search or a stall.
   * The switch costs one evaluation; the correction pairs are kept.
   */
  refine?: { threshold: number; fg: () => ObjectiveFn };
  /**
   * Memory for the solver's VectorBank (2 min(memory, maxIter) + 1 vectors of length n): a
   * shared WebAssembly.Memory (see VectorBank's options). Default: a memory of its own.
   */
  bankMemory?: WebAssembly.Memory;
  /**
   * Called before correction pair j (vectors 2j and 2j + 1 of the bank) is first written
   * (pairs are taken in the order 0, 1, ..).
   */
  beforeFirstUse?: (pair: number) => void;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  gradMaxAbs: number;
  /** "gtol": gradient small enough; "maxIter"; "precision": no further decrease possible in float64. */
  reason: "gtol" | "maxIter" | "precision" | "callback";
  /** Iteration at which the solver switched to `refine.fg` (-1: never, or no refine given). */
  refinedAt: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
  }
  if (i < n) s0 += a[i] * b[i];
  return s0 + s1;
}

function maxAbs(a: Float64Array): number {
  const n = a.length;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(a[i]);
    if (v > m) m = v;
  }
  return m;
}

// The vector loops of the solver, as small functions of their own: each is optimised on
// its own after a few calls (inside the one long-running lbfgs call they stayed in slower
// tiers for much of a fit). Same arithmetic, in the same order, as the loops they replace.

/** out[i] = a[i] + c b[i], i < n. */
function axpyTo(out: Float64Array, a: Float64Array, c: number, b: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] + c * b[i];
}

/** out[i] = -a[i], i < n. */
function negateTo(out: Float64Array, a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = -a[i];
}

/** p[i] = p[i] * (c D[i]), i < n. */
function scaleDiag(p: Float64Array, c: number, D: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) p[i] *= c * D[i];
}

/** p[i] = p[i] * c, i < n. */
function scale(p: Float64Array, c: number, n: number): void {
  for (let i = 0; i < n; i++) p[i] *= c;
}

/** p[i] = p[i] * D[i], i < n. */
function mulDiag(p: Float64Array, D: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) p[i] *= D[i];
}

/** Sequential sum of (y[i] y[i]) D[i], i < n. */
function weightedSquares(y: Float64Array, D: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += y[i] * y[i] * D[i];
  return s;
}

/** s[i] = xNew[i] - x[i] and y[i] = gNew[i] - g[i], i < n. */
function pairDiff(
  s: Float64Array,
  y: Float64Array,
  xNew: Float64Array,
  x: Float64Array,
  gNew: Float64Array,
  g: Float64Array,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    s[i] = xNew[i] - x[i];
    y[i] = gNew[i] - g[i];
  }
}

/** Minimises fg starting from x0 (x0 is not modified). */
export function lbfgs(fgFast: ObjectiveFn, x0: Float64Array, opts: LbfgsOptions): LbfgsResult {
  let fg = fgFast;
  let refined = !opts.refine;
  let refinedAt = -1;
  const n = x0.length;
  const mem = opts.memory ?? 10;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alphaBuf = new Float64Array(mem);
  // correction pairs (s, y) and the direction p in kernel memory: bank.axpyDot(c, v, q, u)
  // is q += c v then u . q, bank.dot(a, b) is a . b, both summed as dot() above
  // (at most one pair per iteration: no more than maxIter pairs are ever held)
  const pairs = Math.max(1, Math.min(mem, opts.maxIter));
  const bank = new VectorBank(2 * pairs + 1, n, opts.bankMemory ? { memory: opts.bankMemory } : {});
  const spare: [Float64Array, Float64Array][] = [];
  for (let j = pairs - 1; j >= 0; j--) spare.push([bank.vectors[2 * j], bank.vectors[2 * j + 1]]);
  // pairs not yet written (taken from `spare` in the order 0, 1, ..)
  let fresh = 0;
  const firstUse = opts.beforeFirstUse;
  const axpyDot = (c: number, v: Float64Array, q: Float64Array, u: Float64Array | null) =>
    bank.axpyDot(c, v, q, u);
  const dotB = (a: Float64Array, b: Float64Array) => bank.dot(a, b);
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  // switches to the exact objective: re-evaluates f and g at x, restarts the stall guard
  const refine = (): void => {
    if (refined || !opts.refine) return;
    refined = true;
    refinedAt = iterations;
    fg = opts.refine.fg();
    f = fg(x, g);
    evaluations++;
    stallG = Infinity;
    stallF = f;
    stallIter = iterations;
  };
  const p = bank.vectors[2 * pairs];
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const xLo = new Float64Array(n);
  const gLo = new Float64Array(n);
  let iterations = 0;
  let reason: LbfgsResult["reason"] = "maxIter";
  const c1 = 1e-4;
  const c2 = 0.9;
  // stagnation guard: when neither the gradient (best max|g| down by 10%) nor f (relative
  // 1e-13) improved over STALL iterations, float64 precision has been reached
  const STALL = 30;
  let stallG = Infinity;
  let stallF = f;
  let stallIter = 0;

  // phi(alpha) = f(x + alpha p); writes xNew/gNew, returns [f, phi'(alpha)]
  const evalAt = (alpha: number): [number, number] => {
    axpyTo(xNew, x, alpha, p, n);
    const fv = fg(xNew, gNew);
    evaluations++;
    return [fv, dot(gNew, p)];
  };

  while (true) {
    let gmax = maxAbs(g);
    if (!refined && (gmax <= (opts.refine as { threshold: number }).threshold || gmax <= opts.gtol(x))) {
      refine();
      gmax = maxAbs(g);
    }
    if (gmax <= opts.gtol(x)) {
      reason = "gtol";
      break;
    }
    if (iterations >= opts.maxIter) {
      reason = "maxIter";
      break;
    }
    // two-loop recursion: p = -H g. Each pass over p both applies one correction and
    // takes the dot product the next correction needs (one sweep per pair and loop).
    negateTo(p, g, n);
    const m = S.length;
    if (m > 0) {
      let dotNext = dotB(S[m - 1], p);
      for (let j = m - 1; j >= 0; j--) {
        const a = rho[j] * dotNext;
        alphaBuf[j] = a;
        dotNext = j > 0 ? axpyDot(-a, Y[j], p, S[j - 1]) : axpyDot(-a, Y[j], p, null);
      }
    }
    const D = opts.precond;
    if (m > 0) {
      const yl = Y[m - 1];
      let yDy = 0;
      if (D) yDy = weightedSquares(yl, D, n);
      else yDy = dotB(yl, yl);
      const gamma = dotB(S[m - 1], yl) / yDy;
      if (D) scaleDiag(p, gamma, D, n);
      else scale(p, gamma, n);
    } else if (D) {
      mulDiag(p, D, n);
    }
    if (m > 0) {
      let dotNext = dotB(Y[0], p);
      for (let j = 0; j < m; j++) {
        const b = rho[j] * dotNext;
        dotNext = axpyDot(alphaBuf[j] - b, S[j], p, j + 1 < m ? Y[j + 1] : null);
      }
    }
    let d0 = dot(g, p);
    if (!(d0 < 0)) {
      // not a descent direction (should not happen for convex f): restart from steepest descent
      for (let j = 0; j < S.length; j++) spare.push([S[j], Y[j]]);
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      negateTo(p, g, n);
      d0 = dot(g, p);
    }
    const alpha0 = S.length === 0 && !D ? Math.min(1, 1 / Math.sqrt(-d0)) : 1;
    // slack for the sufficient-decrease test: f is only known to ~1e-15 relative,
    // so near the optimum the test is made approximate (Hager & Zhang 2005)
    const fSlack = 1e-11 * Math.abs(f) + 1e-300;
    const armijo = (alpha: number, fa: number): boolean => fa <= f + c1 * alpha * d0 + fSlack;

    let accepted = -1;
    let fAcc = f;
    const zoom = (
      aLoIn: number,
      aHiIn: number,
      fLoIn: number,
      dLoIn: number,
      fHiIn: number,
      dHiIn: number,
      haveLo: boolean,
    ): void => {
      let aLo = aLoIn;
      let aHi = aHiIn;
      let fLo = fLoIn;
      let dLo = dLoIn;
      let fHi = fHiIn;
      let dHi = dHiIn;
      let loSaved = haveLo;
      for (let it = 0; it < 40; it++) {
        // cubic interpolation between (aLo, fLo, dLo) and (aHi, fHi, dHi), safeguarded
        let a = cubicMin(aLo, fLo, dLo, aHi, fHi, dHi);
        const lo = Math.min(aLo, aHi);
        const hi = Math.max(aLo, aHi);
        const w = hi - lo;
        if (!(a > lo + 0.1 * w && a < hi - 0.1 * w)) a = 0.5 * (aLo + aHi);
        const [fa, da] = evalAt(a);
        if (!armijo(a, fa) || fa > fLo + fSlack) {
          aHi = a;
          fHi = fa;
          dHi = da;
        } else {
          if (Math.abs(da) <= -c2 * d0) {
            accepted = a;
            fAcc = fa;
            return;
          }
          if (da * (aHi - aLo) >= 0) {
            aHi = aLo;
            fHi = fLo;
            dHi = dLo;
          }
          aLo = a;
          fLo = fa;
          dLo = da;
          xLo.set(xNew);
          gLo.set(gNew);
          loSaved = true;
        }
        if (Math.abs(aHi - aLo) <= 1e-16 * Math.max(aHi, aLo)) break;
      }
      if (loSaved && aLo > 0 && fLo <= f + fSlack) {
        xNew.set(xLo);
        gNew.set(gLo);
        accepted = aLo;
        fAcc = fLo;
      }
    };

    let aPrev = 0;
    let fPrev = f;
    let dPrev = d0;
    let a = alpha0;
    for (let it = 0; it < 30 && accepted < 0; it++) {
      const [fa, da] = evalAt(a);
      if (!Number.isFinite(fa) || !armijo(a, fa) || (it > 0 && fa > fPrev + fSlack)) {
        // xLo / gLo already hold the previous trial point when aPrev > 0
        const haveLo = aPrev > 0;
        zoom(
          aPrev,
          a,
          fPrev,
          dPrev,
          Number.isFinite(fa) ? fa : Number.MAX_VALUE,
          Number.isFinite(da) ? da : 0,
          haveLo,
        );
        break;
      }
      if (Math.abs(da) <= -c2 * d0) {
        accepted = a;
        fAcc = fa;
        break;
      }
      if (da >= 0) {
        xLo.set(xNew);
        gLo.set(gNew);
        zoom(a, aPrev, fa, da, fPrev, dPrev, true);
        break;
      }
      aPrev = a;
      fPrev = fa;
      dPrev = da;
      xLo.set(xNew);
      gLo.set(gNew);
      a *= 2;
    }
    if (accepted < 0) {
      if (!refined) {
        refine();
        continue;
      }
      reason = "precision";
      break;
    }
    // update the memory with s = xNew - x, y = gNew - g
    let s: Float64Array;
    let yv: Float64Array;
    if (S.length === mem) {
      s = S.shift() as Float64Array;
      yv = Y.shift() as Float64Array;
      rho.shift();
    } else {
      [s, yv] = spare.pop() as [Float64Array, Float64Array];
      if (fresh < pairs && s === bank.vectors[2 * fresh]) {
        firstUse?.(fresh);
        fresh++;
      }
    }
    pairDiff(s, yv, xNew, x, gNew, g, n);
    const sy = dotB(s, yv);
    if (sy > 1e-300) {
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    } else spare.push([s, yv]);
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fAcc;
    iterations++;
    const gNow = maxAbs(g);
    if (gNow < 0.9 * stallG || stallF - f > 1e-13 * Math.abs(f)) {
      stallG = Math.min(stallG, gNow);
      stallF = f;
      stallIter = iterations;
    } else if (iterations - stallIter >= STALL) {
      if (!refined) refine();
      else {
        reason = "precision";
        break;
      }
    }
    if (opts.callback && opts.callback(iterations, f, maxAbs(g)) === false) {
      reason = "callback";
      break;
    }
  }
  return { x, f, iterations, evaluations, gradMaxAbs: maxAbs(g), reason, refinedAt };
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db); NaN when undefined. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return Number.NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}
