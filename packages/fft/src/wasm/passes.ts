/**
 * Stockham passes of radix 2, 3, 4 and 5 on f64x2 complex lanes, each defined once
 * (WebAssembly body and TypeScript twin; see DEVELOPERS.md, "How to add a kernel").
 *
 * A complex number is one v128 (re, im). With a = (ar, ai) and a twiddle w stored as the
 * pair WR = (wr, wr), WI = (-wi, wi): a w = a * WR + swap(a) * WI. `rot` = (-sign, sign),
 * so swap(v) * rot = sign i v.
 * @internal
 */
import { type KernelMemory, type KernelSampler, type WasmBody, defineKernel } from "@scatterkit/core";

/** Parameters shared by every pass. */
const PASS_PARAMS = [
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
interface Ctx {
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
function addTo(f: WasmBody, u: number, v: number, out: number): void {
  f.get(u).get(v).add().set(out);
}
function subTo(f: WasmBody, u: number, v: number, out: number): void {
  f.get(u).get(v).sub().set(out);
}
/** out = sign * i * v */
function rotTo(ctx: Ctx, v: number, out: number): void {
  ctx.f.swapped(v).get(ctx.rot).mul().set(out);
}

/**
 * The body of `pass<r>(x, y, m, S, tw, sign, last, scale)` around a butterfly that reads
 * locals a[0..r-1] and writes out[0..r-1] (see {@link definePass}).
 */
function passBody(
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

/**
 * Scalar twin of {@link passBody}: the same operations in the same order on numbers.
 * `bf(ar, ai, or, oi, sign)` is the butterfly on the real and imaginary parts.
 */
function passTwin(
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
  bf: (ar: number[], ai: number[], or: number[], oi: number[], sign: number) => void,
): void {
  const ar = new Array<number>(r);
  const ai = new Array<number>(r);
  const or = new Array<number>(r);
  const oi = new Array<number>(r);
  const ld = (xi: number) => {
    for (let j = 0; j < r; j++) {
      const o = xi / 8 + 2 * S * m * j;
      ar[j] = m64[o];
      ai[j] = m64[o + 1];
    }
  };
  if (last) {
    for (let q = 0; q < S; q++) {
      const xi = x + 16 * q;
      const yo = y + 16 * q;
      ld(xi);
      bf(ar, ai, or, oi, sign);
      for (let k = 0; k < r; k++) {
        const o = yo / 8 + 2 * S * k;
        m64[o] = or[k] * scale;
        m64[o + 1] = oi[k] * scale;
      }
    }
    return;
  }
  for (let p = 0, t = tw / 8; p < m; p++, t += 4 * (r - 1)) {
    for (let q = 0; q < S; q++) {
      const xi = x + 16 * S * p + 16 * q;
      const yo = y + 16 * S * p * r + 16 * q;
      ld(xi);
      bf(ar, ai, or, oi, sign);
      m64[yo / 8] = or[0];
      m64[yo / 8 + 1] = oi[0];
      for (let k = 1; k < r; k++) {
        const w = t + 4 * (k - 1); // (wr, wr, -wi, wi)
        const o = yo / 8 + 2 * S * k;
        m64[o] = or[k] * m64[w] + oi[k] * m64[w + 2];
        m64[o + 1] = oi[k] * m64[w + 1] + or[k] * m64[w + 3];
      }
    }
  }
}

/** Random arguments of a radix-r pass: m, S in 1..4, random data and twiddles. */
function samplePass(s: KernelSampler, r: number) {
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

const PASS_DOC = (r: number) =>
  `pass${r}(x, y, m, S, tw, sign, last, scale): one Stockham pass of radix ${r} over byte addresses x (input) ` +
  `and y (output): with a_j = x[q + S (p + j m)], y[q + S (${r} p + k)] = w^{p k} DFT_${r}(a)_k for p < m, q < S ` +
  `(DFT with e^{sign 2 pi i j k / ${r}}). tw holds ${r - 1} twiddle pairs (WR, WI) = ((wr, wr), (-wi, wi)) per p; ` +
  "last != 0 (m = 1) skips the twiddles and multiplies by scale.";

/** pass2: a0 + a1, a0 - a1. */
export const pass2 = defineKernel({
  name: "pass2",
  doc: PASS_DOC(2),
  params: PASS_PARAMS,
  wasm: (f) =>
    passBody(f, 2, {}, ({ f }, a, out) => {
      addTo(f, a[0], a[1], out[0]);
      subTo(f, a[0], a[1], out[1]);
    }),
  ts: (m: KernelMemory, x, y, mm, S, tw, sign, last, scale) =>
    passTwin(m.f64, 2, x, y, mm, S, tw, sign, last, scale, (ar, ai, or, oi) => {
      or[0] = ar[0] + ar[1];
      oi[0] = ai[0] + ai[1];
      or[1] = ar[0] - ar[1];
      oi[1] = ai[0] - ai[1];
    }),
  sample: (s) => samplePass(s, 2),
});

/** pass4: t0 = a0 + a2, t1 = a0 - a2, t2 = a1 + a3, t3 = sign i (a1 - a3); t0 + t2, t1 + t3, t0 - t2, t1 - t3. */
export const pass4 = defineKernel({
  name: "pass4",
  doc: PASS_DOC(4),
  params: PASS_PARAMS,
  wasm: (f) =>
    passBody(f, 4, {}, (ctx, a, out) => {
      const { f, tmp } = ctx;
      const [t0, t1, t2, t3] = tmp;
      addTo(f, a[0], a[2], t0);
      subTo(f, a[0], a[2], t1);
      addTo(f, a[1], a[3], t2);
      subTo(f, a[1], a[3], t3);
      rotTo(ctx, t3, t3);
      addTo(f, t0, t2, out[0]);
      addTo(f, t1, t3, out[1]);
      subTo(f, t0, t2, out[2]);
      subTo(f, t1, t3, out[3]);
    }),
  ts: (m, x, y, mm, S, tw, sign, last, scale) =>
    passTwin(m.f64, 4, x, y, mm, S, tw, sign, last, scale, (ar, ai, or, oi, sg) => {
      const t0r = ar[0] + ar[2];
      const t0i = ai[0] + ai[2];
      const t1r = ar[0] - ar[2];
      const t1i = ai[0] - ai[2];
      const t2r = ar[1] + ar[3];
      const t2i = ai[1] + ai[3];
      const ur = ar[1] - ar[3];
      const ui = ai[1] - ai[3];
      const t3r = ui * -sg; // swap(u) * (-sign, sign)
      const t3i = ur * sg;
      or[0] = t0r + t2r;
      oi[0] = t0i + t2i;
      or[1] = t1r + t3r;
      oi[1] = t1i + t3i;
      or[2] = t0r - t2r;
      oi[2] = t0i - t2i;
      or[3] = t1r - t3r;
      oi[3] = t1i - t3i;
    }),
  sample: (s) => samplePass(s, 4),
});

const HALF = 0.5;
const S3 = Math.sqrt(3) / 2;

/** pass3: t = a1 + a2, c = a0 - t / 2, d = sign i (sqrt3/2)(a1 - a2); a0 + t, c + d, c - d. */
export const pass3 = defineKernel({
  name: "pass3",
  doc: PASS_DOC(3),
  params: PASS_PARAMS,
  wasm: (f) =>
    passBody(f, 3, { half: HALF, s3: S3 }, (ctx, a, out) => {
      const { f, tmp, c } = ctx;
      const [t, cc, d] = tmp;
      addTo(f, a[1], a[2], t);
      f.get(a[0]).get(t).get(c.half).mul().sub().set(cc); // a0 - t / 2
      f.get(a[1]).get(a[2]).sub().get(c.s3).mul().set(d); // (sqrt3/2)(a1 - a2)
      rotTo(ctx, d, d); // sign i (sqrt3/2)(a1 - a2)
      addTo(f, a[0], t, out[0]);
      addTo(f, cc, d, out[1]);
      subTo(f, cc, d, out[2]);
    }),
  ts: (m, x, y, mm, S, tw, sign, last, scale) =>
    passTwin(m.f64, 3, x, y, mm, S, tw, sign, last, scale, (ar, ai, or, oi, sg) => {
      const tr = ar[1] + ar[2];
      const ti = ai[1] + ai[2];
      const cr = ar[0] - tr * HALF;
      const ci = ai[0] - ti * HALF;
      const ur = (ar[1] - ar[2]) * S3;
      const ui = (ai[1] - ai[2]) * S3;
      const dr = ui * -sg;
      const di = ur * sg;
      or[0] = ar[0] + tr;
      oi[0] = ai[0] + ti;
      or[1] = cr + dr;
      oi[1] = ci + di;
      or[2] = cr - dr;
      oi[2] = ci - di;
    }),
  sample: (s) => samplePass(s, 3),
});

const C1 = Math.cos((2 * Math.PI) / 5);
const C2 = Math.cos((4 * Math.PI) / 5);
const S1 = Math.sin((2 * Math.PI) / 5);
const S2 = Math.sin((4 * Math.PI) / 5);

/**
 * pass5: b1 = a1 + a4, b2 = a2 + a3, d1 = a1 - a4, d2 = a2 - a3; out0 = a0 + b1 + b2;
 * out1,4 = (a0 + c1 b1 + c2 b2) +- sign i (s1 d1 + s2 d2); out2,3 = (a0 + c2 b1 + c1 b2) +- sign i (s2 d1 - s1 d2).
 */
export const pass5 = defineKernel({
  name: "pass5",
  doc: PASS_DOC(5),
  params: PASS_PARAMS,
  wasm: (f) =>
    passBody(f, 5, { c1: C1, c2: C2, s1: S1, s2: S2 }, (ctx, a, out) => {
      const { f, tmp, c } = ctx;
      const [b1, b2, d1, d2, e, g] = tmp;
      addTo(f, a[1], a[4], b1);
      addTo(f, a[2], a[3], b2);
      subTo(f, a[1], a[4], d1);
      subTo(f, a[2], a[3], d2);
      f.get(a[0]).get(b1).add().get(b2).add().set(out[0]);
      // e = a0 + c1 b1 + c2 b2; g = sign i (s1 d1 + s2 d2)
      f.get(a[0]).get(b1).get(c.c1).mul().add().get(b2).get(c.c2).mul().add().set(e);
      f.get(d1).get(c.s1).mul().get(d2).get(c.s2).mul().add().set(g);
      rotTo(ctx, g, g);
      addTo(f, e, g, out[1]);
      subTo(f, e, g, out[4]);
      // e = a0 + c2 b1 + c1 b2; g = sign i (s2 d1 - s1 d2)
      f.get(a[0]).get(b1).get(c.c2).mul().add().get(b2).get(c.c1).mul().add().set(e);
      f.get(d1).get(c.s2).mul().get(d2).get(c.s1).mul().sub().set(g);
      rotTo(ctx, g, g);
      addTo(f, e, g, out[2]);
      subTo(f, e, g, out[3]);
    }),
  ts: (m, x, y, mm, S, tw, sign, last, scale) =>
    passTwin(m.f64, 5, x, y, mm, S, tw, sign, last, scale, (ar, ai, or, oi, sg) => {
      const b1r = ar[1] + ar[4];
      const b1i = ai[1] + ai[4];
      const b2r = ar[2] + ar[3];
      const b2i = ai[2] + ai[3];
      const d1r = ar[1] - ar[4];
      const d1i = ai[1] - ai[4];
      const d2r = ar[2] - ar[3];
      const d2i = ai[2] - ai[3];
      or[0] = ar[0] + b1r + b2r;
      oi[0] = ai[0] + b1i + b2i;
      let er = ar[0] + b1r * C1 + b2r * C2;
      let ei = ai[0] + b1i * C1 + b2i * C2;
      let ur = d1r * S1 + d2r * S2;
      let ui = d1i * S1 + d2i * S2;
      let gr = ui * -sg;
      let gi = ur * sg;
      or[1] = er + gr;
      oi[1] = ei + gi;
      or[4] = er - gr;
      oi[4] = ei - gi;
      er = ar[0] + b1r * C2 + b2r * C1;
      ei = ai[0] + b1i * C2 + b2i * C1;
      ur = d1r * S2 - d2r * S1;
      ui = d1i * S2 - d2i * S1;
      gr = ui * -sg;
      gi = ur * sg;
      or[2] = er + gr;
      oi[2] = ei + gi;
      or[3] = er - gr;
      oi[3] = ei - gi;
    }),
  sample: (s) => samplePass(s, 5),
});
