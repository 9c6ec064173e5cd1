/**
 * Stockham passes of radix 2, 3, 4 and 5 on f64x2 complex lanes, each defined once
 * (WebAssembly body and TypeScript twin; see DEVELOPERS.md, "How to add a kernel").
 *
 * A complex number is one v128 (re, im). With a = (ar, ai) and a twiddle w stored as the
 * pair WR = (wr, wr), WI = (-wi, wi): a w = a * WR + swap(a) * WI. `rot` = (-sign, sign),
 * so swap(v) * rot = sign i v.
 * @internal
 */
import { type KernelMemory, defineKernel } from "@scatterkit/core";
import {
  PASS_DOC,
  PASS_PARAMS,
  type ScalarButterfly,
  addTo,
  passBody,
  passTwin,
  rotTo,
  samplePass,
  subTo,
} from "./pass-frame";

export { cmul } from "./pass-frame";

/** The scalar butterfly of pass2 (twin of its WebAssembly butterfly). */
const BF2: ScalarButterfly = (ar, ai, or, oi) => {
  or[0] = ar[0] + ar[1];
  oi[0] = ai[0] + ai[1];
  or[1] = ar[0] - ar[1];
  oi[1] = ai[0] - ai[1];
};

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
    passTwin(m.f64, 2, x, y, mm, S, tw, sign, last, scale, BF2),
  sample: (s) => samplePass(s, 2),
});

/** The scalar butterfly of pass4 (twin of its WebAssembly butterfly). */
const BF4: ScalarButterfly = (ar, ai, or, oi, sg) => {
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
};

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
  ts: (m, x, y, mm, S, tw, sign, last, scale) => passTwin(m.f64, 4, x, y, mm, S, tw, sign, last, scale, BF4),
  sample: (s) => samplePass(s, 4),
});

const HALF = 0.5;
const S3 = Math.sqrt(3) / 2;

/** The scalar butterfly of pass3 (twin of its WebAssembly butterfly). */
const BF3: ScalarButterfly = (ar, ai, or, oi, sg) => {
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
};

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
  ts: (m, x, y, mm, S, tw, sign, last, scale) => passTwin(m.f64, 3, x, y, mm, S, tw, sign, last, scale, BF3),
  sample: (s) => samplePass(s, 3),
});

const C1 = Math.cos((2 * Math.PI) / 5);
const C2 = Math.cos((4 * Math.PI) / 5);
const S1 = Math.sin((2 * Math.PI) / 5);
const S2 = Math.sin((4 * Math.PI) / 5);

/** The scalar butterfly of pass5 (twin of its WebAssembly butterfly). */
const BF5: ScalarButterfly = (ar, ai, or, oi, sg) => {
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
};

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
  ts: (m, x, y, mm, S, tw, sign, last, scale) => passTwin(m.f64, 5, x, y, mm, S, tw, sign, last, scale, BF5),
  sample: (s) => samplePass(s, 5),
});
