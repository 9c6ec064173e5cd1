/**
 * Complex products of a float64 spectrum by a float32 filter (HarmonicScattering3D), defined
 * once (WebAssembly body and TypeScript twin).
 * @internal
 */
import { type WasmBody, defineKernel } from "@scatterkit/core";
import { L0, L1, SWAP, pairConst } from "./shuffles";

/**
 * Pushes spec[v] * filt[v] (complex; spec f64 pair at address `sp`, filt f32 pair at `fp`),
 * computed as (sr fr - si fi, si fr + sr fi): (s * (fr, fr)) + (swap(s) * (fi, fi)) * (-1, 1).
 */
function cmulF32(f: WasmBody, sp: number, fp: number, a: number, w: number, nm: number): void {
  f.get(sp).op("v128.load", 4, 0).set(a);
  f.get(fp).op("v128.load64_zero", 3, 0).op("f64x2.promote_low_f32x4").set(w);
  f.get(a)
    .get(w)
    .get(w)
    .op("i8x16.shuffle", ...L0)
    .op("f64x2.mul");
  f.get(a)
    .get(a)
    .op("i8x16.shuffle", ...SWAP)
    .get(w)
    .get(w)
    .op("i8x16.shuffle", ...L1)
    .op("f64x2.mul");
  f.get(nm).op("f64x2.mul").op("f64x2.add");
}

/** cmul: see its doc. */
export const cmul = defineKernel({
  name: "cmul",
  doc: "cmul(spec, filt, dst, count): dst[v] = spec[v] filt[v] = (sr fr - si fi, si fr + sr fi) for v < count (filt float32).",
  params: ["spec: f64[]", "filt: f32[]", "dst: f64[]", "count: i32"],
  wasm: (f) => {
    const [end, a, w, nm] = [f.local("i32"), f.local("v128"), f.local("v128"), f.local("v128")];
    pairConst(f, -1, 1);
    f.set(nm);
    f.get(0).get(3).i32(4).op("i32.shl").op("i32.add").set(end);
    f.loopWhileLess(0, end, () => {
      f.get(2);
      cmulF32(f, 0, 1, a, w, nm);
      f.op("v128.store", 4, 0);
      f.inc(0, 16).inc(1, 8).inc(2, 16);
    });
  },
  ts: (_m, spec, filt, dst, count) => {
    for (let v = 0; v < 2 * count; v += 2) {
      const xr = spec[v];
      const xi = spec[v + 1];
      const fr = filt[v];
      const fi = filt[v + 1];
      dst[v] = xr * fr - xi * fi;
      dst[v + 1] = xi * fr + xr * fi;
    }
  },
  sample: (s) => {
    const c = s.int(1, 30);
    return [s.f64(2 * c), s.f32(2 * c), s.f64(2 * c), c];
  },
});

/** cmul2: see its doc. */
export const cmul2 = defineKernel({
  name: "cmul2",
  doc: "cmul2(specA, pa, specB, pb, dst, count): dst = specA pa + i (specB pb) = (ar - bi, ai + br) for v < count (pa, pb float32).",
  params: ["specA: f64[]", "pa: f32[]", "specB: f64[]", "pb: f32[]", "dst: f64[]", "count: i32"],
  wasm: (f) => {
    const [end, a, w, nm, x] = [
      f.local("i32"),
      f.local("v128"),
      f.local("v128"),
      f.local("v128"),
      f.local("v128"),
    ];
    pairConst(f, -1, 1);
    f.set(nm);
    f.get(0).get(5).i32(4).op("i32.shl").op("i32.add").set(end);
    f.loopWhileLess(0, end, () => {
      cmulF32(f, 2, 3, a, w, nm);
      f.set(x); // B pb
      f.get(4);
      cmulF32(f, 0, 1, a, w, nm); // A pa
      f.get(x)
        .get(x)
        .op("i8x16.shuffle", ...SWAP)
        .get(nm)
        .op("f64x2.mul"); // (-bi, br)
      f.op("f64x2.add");
      f.op("v128.store", 4, 0);
      f.inc(0, 16).inc(1, 8).inc(2, 16).inc(3, 8).inc(4, 16);
    });
  },
  ts: (_m, specA, pa, specB, pb, dst, count) => {
    for (let v = 0; v < 2 * count; v += 2) {
      const ar = specA[v] * pa[v] - specA[v + 1] * pa[v + 1];
      const ai = specA[v + 1] * pa[v] + specA[v] * pa[v + 1];
      const br = specB[v] * pb[v] - specB[v + 1] * pb[v + 1];
      const bi = specB[v + 1] * pb[v] + specB[v] * pb[v + 1];
      dst[v] = ar - bi;
      dst[v + 1] = ai + br;
    }
  },
  sample: (s) => {
    const c = s.int(1, 30);
    return [s.f64(2 * c), s.f32(2 * c), s.f64(2 * c), s.f32(2 * c), s.f64(2 * c), c];
  },
});
