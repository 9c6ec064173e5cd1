/**
 * Complex moduli and the reductions of Scattering2D / HarmonicScattering3D, each defined
 * once (WebAssembly body and TypeScript twin).
 * @internal
 */
import type { WasmBody } from "@scatterkit/core";
import { defineKernel } from "@scatterkit/core";
import { HI, LO } from "./shuffles";

/**
 * modReal(y, dst, count) with count even (pair = false): dst[i] = |y[i]|, two bins of y per step;
 * modPair(ya, yb, z, count) (pair = true): z[i] = |ya[i]| + i |yb[i]|.
 * Per bin: sqrt(re * re + im * im).
 */
function modBody(f: WasmBody, pair: boolean): void {
  const [dst, count] = pair ? [2, 3] : [1, 2];
  const [end, a, b] = [f.local("i32"), f.local("v128"), f.local("v128")];
  f.get(0).get(count).i32(4).op("i32.shl").op("i32.add").set(end);
  f.loopWhileLess(0, end, () => {
    f.get(0).op("v128.load", 4, 0).set(a);
    if (pair) f.get(1).op("v128.load", 4, 0).set(b);
    else f.get(0).op("v128.load", 4, 16).set(b);
    f.get(a).get(a).op("f64x2.mul").set(a);
    f.get(b).get(b).op("f64x2.mul").set(b);
    f.get(dst);
    f.get(a)
      .get(b)
      .op("i8x16.shuffle", ...LO);
    f.get(a)
      .get(b)
      .op("i8x16.shuffle", ...HI);
    f.op("f64x2.add").op("f64x2.sqrt");
    f.op("v128.store", 4, 0);
    if (pair) f.inc(0, 16).inc(1, 16).inc(2, 16);
    else f.inc(0, 32).inc(1, 16);
  });
}

/** modReal: see its doc. */
export const modReal = defineKernel({
  name: "modReal",
  doc: "modReal(y, dst, count), count even: dst[i] = |y[i]| = sqrt(re^2 + im^2) for i < count (y complex, dst real).",
  params: ["y: f64[]", "dst: f64[]", "count: i32"],
  wasm: (f) => modBody(f, false),
  ts: (_m, y, dst, count) => {
    for (let i = 0; i < count; i++) {
      const re = y[2 * i];
      const im = y[2 * i + 1];
      dst[i] = Math.sqrt(re * re + im * im);
    }
  },
  sample: (s) => {
    const c = 2 * s.int(1, 20);
    return [s.f64(2 * c), s.f64(c), c];
  },
});

/** modPair: see its doc. */
export const modPair = defineKernel({
  name: "modPair",
  doc: "modPair(ya, yb, z, count): z[i] = |ya[i]| + i |yb[i]| for i < count (two real moduli packed for one FFT).",
  params: ["ya: f64[]", "yb: f64[]", "z: f64[]", "count: i32"],
  wasm: (f) => modBody(f, true),
  ts: (_m, ya, yb, z, count) => {
    for (let i = 0; i < count; i++) {
      const ar = ya[2 * i];
      const ai = ya[2 * i + 1];
      const br = yb[2 * i];
      const bi = yb[2 * i + 1];
      z[2 * i] = Math.sqrt(ar * ar + ai * ai);
      z[2 * i + 1] = Math.sqrt(br * br + bi * bi);
    }
  },
  sample: (s) => {
    const c = s.int(1, 40);
    return [s.f64(2 * c), s.f64(2 * c), s.f64(2 * c), c];
  },
});

/** sqrtInPlace: see its doc. */
export const sqrtInPlace = defineKernel({
  name: "sqrtInPlace",
  doc: "sqrtInPlace(p, count), count even: p[i] = sqrt(p[i]) for i < count.",
  params: ["p: f64[]", "count: i32"],
  wasm: (f, a) => {
    const end = f.local("i32");
    f.get(a.p).get(a.count).i32(3).op("i32.shl").op("i32.add").set(end);
    f.loopWhileLess(a.p, end, () => {
      f.get(a.p).get(a.p).op("v128.load", 4, 0).op("f64x2.sqrt").op("v128.store", 4, 0);
      f.inc(a.p, 16);
    });
  },
  ts: (_m, p, count) => {
    for (let i = 0; i < count; i++) p[i] = Math.sqrt(p[i]);
  },
  sample: (s) => {
    const c = 2 * s.int(1, 20);
    return [s.f64(c, () => s.rng() * 3), c];
  },
});

/** sums: see its doc. */
export const sums = defineKernel({
  name: "sums",
  doc:
    "sums(p, count, out), count even: out = [sum sqrt p[i], sum p[i], sum p[i]^2] over i < count, " +
    "even and odd i summed apart (two lanes), then added.",
  params: ["p: f64[]", "count: i32", "out: f64[]"],
  wasm: (f, a) => {
    const [end, x, h, o, t] = [
      f.local("i32"),
      f.local("v128"),
      f.local("v128"),
      f.local("v128"),
      f.local("v128"),
    ];
    f.get(a.p).get(a.count).i32(3).op("i32.shl").op("i32.add").set(end);
    f.loopWhileLess(a.p, end, () => {
      f.get(a.p).op("v128.load", 4, 0).set(x);
      f.get(h).get(x).op("f64x2.sqrt").op("f64x2.add").set(h);
      f.get(o).get(x).op("f64x2.add").set(o);
      f.get(t).get(x).get(x).op("f64x2.mul").op("f64x2.add").set(t);
      f.inc(a.p, 16);
    });
    for (const [v, off] of [
      [h, 0],
      [o, 8],
      [t, 16],
    ] as const) {
      f.get(a.out)
        .get(v)
        .op("f64x2.extract_lane", 0)
        .get(v)
        .op("f64x2.extract_lane", 1)
        .op("f64.add")
        .op("f64.store", 3, off);
    }
  },
  ts: (_m, p, count, out) => {
    let h0 = 0;
    let h1 = 0;
    let o0 = 0;
    let o1 = 0;
    let t0 = 0;
    let t1 = 0;
    let i = 0;
    for (; i + 1 < count; i += 2) {
      const x = p[i];
      const y = p[i + 1];
      h0 += Math.sqrt(x);
      h1 += Math.sqrt(y);
      o0 += x;
      o1 += y;
      t0 += x * x;
      t1 += y * y;
    }
    if (i < count) {
      const x = p[i];
      h0 += Math.sqrt(x);
      o0 += x;
      t0 += x * x;
    }
    out[0] = h0 + h1;
    out[1] = o0 + o1;
    out[2] = t0 + t1;
  },
  sample: (s) => {
    const c = 2 * s.int(1, 30);
    return [s.f64(c, () => s.rng() * 3), c, s.f64(3)];
  },
});
