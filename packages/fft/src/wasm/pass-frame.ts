/**
 * The frame every Stockham pass kernel shares: its parameters, the WebAssembly loop nest
 * around a butterfly (twiddles, strides, the scaled last pass) and the same loop nest as a
 * scalar TypeScript twin around a scalar butterfly; plus random arguments for the tests.
 * A complex number is one v128 (re, im); a twiddle w is stored as WR = (wr, wr),
 * WI = (-wi, wi), so a w = a * WR + swap(a) * WI; `rot` = (-sign, sign), so swap(v) * rot = sign i v.
 * @internal
 */
import type { KernelSampler, WasmBody } from "@scatterkit/core";

/** Parameters shared by every pass. */
export const PASS_PARAMS = [
  "x: i32",
  "y: i32",
  "m: i32",
  "S: i32",
  "tw: i32",
  "sign: f64",
  "last: i32",
  "scale: f64",
] as const;

/** Locals and constants a butterfly body may use. */
export interface Ctx {
  f: WasmBody;
  /** (-sign, sign): swap(d) * rot = sign * i * d */
  rot: number;
  /** splatted constants, by name */
  c: Record<string, number>;
  /** scratch v128 locals */
  tmp: number[];
}

/** Pushes a * W with W = (WR, WI) v128 locals, `a` a v128 local. */
export function cmul(f: WasmBody, va: number, wr: number, wi: number): void {
  f.get(va).get(wr).mul();
  f.swapped(va).get(wi).mul();
  f.add();
}
/** out = u + v (v128 locals). */
export function addTo(f: WasmBody, u: number, v: number, out: number): void {
  f.get(u).get(v).add().set(out);
}
/** out = u - v (v128 locals). */
export function subTo(f: WasmBody, u: number, v: number, out: number): void {
  f.get(u).get(v).sub().set(out);
}
/** out = sign * i * v */
export function rotTo(ctx: Ctx, v: number, out: number): void {
  ctx.f.swapped(v).get(ctx.rot).mul().set(out);
}

/**
 * The body of `pass<r>(x, y, m, S, tw, sign, last, scale)` around a butterfly that reads
 * locals a[0..r-1] and writes out[0..r-1] (see {@link definePass}).
 */
export function passBody(
  f: WasmBody,
  r: number,
  consts: Record<string, number>,
  butterfly: (ctx: Ctx, a: number[], out: number[]) => void,
): void {
  const [X, Y, M, S, TW, SIGN, LAST, SCALE] = [0, 1, 2, 3, 4, 5, 6, 7];
  const jj = f.declare(r, "i32");
  const kk = f.declare(r, "i32");
  const [p, q, xi, yo] = f.declare(4, "i32");
  const rot = f.local("v128");
  const sc = f.local("v128");
  const a = f.declare(r, "v128");
  const out = f.declare(r, "v128");
  const w = f.declare(2 * (r - 1), "v128");
  const tmp = f.declare(6, "v128");
  const c: Record<string, number> = {};
  f.get(SIGN).op("f64.neg").op("f64x2.splat").get(SIGN).op("f64x2.replace_lane", 1).set(rot); // (-sign, sign)
  f.get(SCALE).op("f64x2.splat").set(sc);
  for (const [name, v] of Object.entries(consts)) {
    c[name] = f.local("v128");
    f.f64(v).op("f64x2.splat").set(c[name]);
  }
  f.get(S).i32(4).op("i32.shl").set(kk[1]); // 16 S
  f.get(kk[1]).get(M).op("i32.mul").set(jj[1]); // 16 S m
  for (let k = 2; k < r; k++) {
    f.get(kk[k - 1])
      .get(kk[1])
      .op("i32.add")
      .set(kk[k]);
    f.get(jj[k - 1])
      .get(jj[1])
      .op("i32.add")
      .set(jj[k]);
  }
  const ctx: Ctx = { f, rot, c, tmp };
  const loads = () => {
    f.get(xi).load().set(a[0]);
    for (let j = 1; j < r; j++) f.get(xi).get(jj[j]).op("i32.add").load().set(a[j]);
  };
  const step = () => {
    f.get(xi).i32(16).op("i32.add").set(xi);
    f.get(yo).i32(16).op("i32.add").set(yo);
    f.get(q).i32(1).op("i32.sub").set(q);
    f.get(q).op("br_if", 0); // q != 0: next q
  };
  const at = (k: number) => {
    f.get(yo);
    if (k > 0) f.get(kk[k]).op("i32.add");
  };
  f.get(LAST).ifElse(
    () => {
      // last pass (m = 1): one loop over q, scaled, no twiddles
      f.get(X).set(xi);
      f.get(Y).set(yo);
      f.get(S).set(q);
      f.loop(() => {
        loads();
        butterfly(ctx, a, out);
        for (let k = 0; k < r; k++) {
          at(k);
          f.get(out[k]).get(sc).mul().store();
        }
        step();
      });
    },
    () => {
      f.i32(0).set(p);
      f.loop(() => {
        for (let i = 0; i < 2 * (r - 1); i++)
          f.get(TW)
            .load(16 * i)
            .set(w[i]);
        f.get(X).get(kk[1]).get(p).op("i32.mul").op("i32.add").set(xi);
        f.get(Y).get(kk[1]).get(p).op("i32.mul").i32(r).op("i32.mul").op("i32.add").set(yo);
        f.get(S).set(q);
        f.loop(() => {
          loads();
          butterfly(ctx, a, out);
          at(0);
          f.get(out[0]).store();
          for (let k = 1; k < r; k++) {
            at(k);
            cmul(f, out[k], w[2 * (k - 1)], w[2 * (k - 1) + 1]);
            f.store();
          }
          step();
        });
        f.get(TW)
          .i32(32 * (r - 1))
          .op("i32.add")
          .set(TW);
        f.get(p).i32(1).op("i32.add").set(p);
        f.get(p).get(M).op("i32.lt_s").op("br_if", 0); // p < m: next p
      });
    },
  );
}

/** Scratch of the scalar twins: the r inputs and outputs of one butterfly (r <= 5). */
const LANES = {
  ar: new Float64Array(5),
  ai: new Float64Array(5),
  or: new Float64Array(5),
  oi: new Float64Array(5),
};

/** A scalar butterfly on the real and imaginary parts (inputs ar, ai; outputs or, oi). */
export type ScalarButterfly = (
  ar: Float64Array,
  ai: Float64Array,
  or: Float64Array,
  oi: Float64Array,
  sign: number,
) => void;

/**
 * Scalar twin of {@link passBody}: the same operations in the same order on numbers, with
 * `bf` the butterfly. Addresses are bytes (below 2^32, so `>>> 3` gives the double index).
 */
export function passTwin(
  m64: Float64Array,
  r: number,
  x: number,
  y: number,
  m: number,
  S: number,
  tw: number,
  sign: number,
  last: number,
  scale: number,
  bf: ScalarButterfly,
): void {
  const { ar, ai, or, oi } = LANES;
  const js = 2 * S * m; // doubles between the inputs a_j
  const ks = 2 * S; // doubles between the outputs
  if (last) {
    for (let q = 0; q < S; q++) {
      const xi = (x >>> 3) + 2 * q;
      const yo = (y >>> 3) + 2 * q;
      for (let j = 0; j < r; j++) {
        ar[j] = m64[xi + js * j];
        ai[j] = m64[xi + js * j + 1];
      }
      bf(ar, ai, or, oi, sign);
      for (let k = 0; k < r; k++) {
        m64[yo + ks * k] = or[k] * scale;
        m64[yo + ks * k + 1] = oi[k] * scale;
      }
    }
    return;
  }
  for (let p = 0, t = tw >>> 3; p < m; p++, t += 4 * (r - 1)) {
    for (let q = 0; q < S; q++) {
      const xi = (x >>> 3) + 2 * S * p + 2 * q;
      const yo = (y >>> 3) + 2 * S * p * r + 2 * q;
      for (let j = 0; j < r; j++) {
        ar[j] = m64[xi + js * j];
        ai[j] = m64[xi + js * j + 1];
      }
      bf(ar, ai, or, oi, sign);
      m64[yo] = or[0];
      m64[yo + 1] = oi[0];
      for (let k = 1; k < r; k++) {
        const w = t + 4 * (k - 1); // (wr, wr, -wi, wi)
        const o = yo + ks * k;
        m64[o] = or[k] * m64[w] + oi[k] * m64[w + 2];
        m64[o + 1] = oi[k] * m64[w + 1] + or[k] * m64[w + 3];
      }
    }
  }
}

/** Random arguments of a radix-r pass: m, S in 1..4, random data and twiddles. */
export function samplePass(s: KernelSampler, r: number) {
  const m = s.int(1, 4);
  const S = s.int(1, 4);
  const last = s.int(0, 1);
  const n = r * m * S;
  const x = s.f64(2 * n).byteOffset;
  const y = s.f64(2 * n).byteOffset;
  const tw = s.f64(4 * (r - 1) * m).byteOffset;
  return [x, y, last ? 1 : m, S, tw, s.rng() < 0.5 ? -1 : 1, last, s.rng() + 0.5] as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
}

export const PASS_DOC = (r: number) =>
  `pass${r}(x, y, m, S, tw, sign, last, scale): one Stockham pass of radix ${r} over byte addresses x (input) ` +
  `and y (output): with a_j = x[q + S (p + j m)], y[q + S (${r} p + k)] = w^{p k} DFT_${r}(a)_k for p < m, q < S ` +
  `(DFT with e^{sign 2 pi i j k / ${r}}). tw holds ${r - 1} twiddle pairs (WR, WI) = ((wr, wr), (-wi, wi)) per p; ` +
  "last != 0 (m = 1) skips the twiddles and multiplies by scale.";
