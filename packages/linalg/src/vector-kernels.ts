/**
 * Level-1 kernels on float64 vectors in kernel memory (see VectorBank in vectors.ts): the
 * fused update + dot product of the L-BFGS two-loop recursion, and the dot product, each
 * with its f64x2 WebAssembly body and its TypeScript twin (same bits).
 * @internal
 */
import { defineKernel } from "@scatterkit/core";

/**
 * Fused update and dot product:
 *   p[i] = p[i] + c x[i] for i < n, then out[0] = s0 + s1 with s0 (s1) the sequential sum
 *   of u[i] p[i] over even (odd) i < n - (n mod 2), and s0 += u[n-1] p[n-1] when n is odd.
 * @internal
 */
export const axpyDot = defineKernel({
  name: "axpyDot",
  doc: "p[i] += c x[i], i < n; out[0] = (sum of u[i] p[i], even i) + (same, odd i), the odd last entry added to the even sum",
  params: ["x: f64[]", "p: f64[]", "u: f64[]", "out: f64[]", "c: f64", "n: i32"] as const,
  wasm: (f, p) => {
    const [xp, pp, up, end] = f.declare(4, "i32");
    const [cv, acc, v] = f.declare(3, "v128");
    f.get(p.c).op("f64x2.splat").set(cv);
    f.f64x2(0, 0).set(acc);
    f.get(p.x).set(xp);
    f.get(p.p).set(pp);
    f.get(p.u).set(up);
    // end = p + (n & ~1) * 8
    f.get(p.p).get(p.n).i32(-2).op("i32.and").i32(3).op("i32.shl").op("i32.add").set(end);
    f.loopWhileLess(pp, end, () => {
      f.get(pp).get(pp).load(0).get(cv).get(xp).load(0).mul().add().tee(v).store(0);
      f.get(acc).get(up).load(0).get(v).mul().add().set(acc);
      f.inc(xp, 16).inc(pp, 16).inc(up, 16);
    });
    // odd n: the last entry, its product added to the even lane
    f.get(p.n)
      .i32(1)
      .op("i32.and")
      .ifElse(() => {
        f.get(pp)
          .get(pp)
          .op("f64.load", 3, 0)
          .get(p.c)
          .get(xp)
          .op("f64.load", 3, 0)
          .op("f64.mul")
          .op("f64.add");
        f.op("f64.store", 3, 0);
        f.get(acc)
          .get(acc)
          .op("f64x2.extract_lane", 0)
          .get(up)
          .op("f64.load", 3, 0)
          .get(pp)
          .op("f64.load", 3, 0)
          .op("f64.mul")
          .op("f64.add")
          .op("f64x2.replace_lane", 0)
          .set(acc);
      });
    f.get(p.out);
    f.get(acc).op("f64x2.extract_lane", 0).get(acc).op("f64x2.extract_lane", 1).op("f64.add");
    f.op("f64.store", 3, 0);
  },
  ts: (_m, x: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array, c: number, n: number) => {
    let s0 = 0;
    let s1 = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const v0 = p[i] + c * x[i];
      const v1 = p[i + 1] + c * x[i + 1];
      p[i] = v0;
      p[i + 1] = v1;
      s0 += u[i] * v0;
      s1 += u[i + 1] * v1;
    }
    if (i < n) {
      const v = p[i] + c * x[i];
      p[i] = v;
      s0 += u[i] * v;
    }
    out[0] = s0 + s1;
  },
  sample: (s) => {
    const n = s.int(1, 41);
    return [s.f64(n), s.f64(n), s.f64(n), s.f64(1), s.rng() - 0.5, n] as never;
  },
});

/**
 * Dot product: out[0] = s0 + s1, s0 (s1) the sequential sum of a[i] b[i] over even (odd)
 * i < n - (n mod 2), and s0 += a[n-1] b[n-1] when n is odd.
 * @internal
 */
export const dotPair = defineKernel({
  name: "dotPair",
  doc: "out[0] = (sum of a[i] b[i], even i) + (same, odd i), the odd last entry added to the even sum",
  params: ["a: f64[]", "b: f64[]", "out: f64[]", "n: i32"] as const,
  wasm: (f, p) => {
    const [ap, bp, end] = f.declare(3, "i32");
    const [acc] = f.declare(1, "v128");
    f.f64x2(0, 0).set(acc);
    f.get(p.a).set(ap);
    f.get(p.b).set(bp);
    f.get(p.a).get(p.n).i32(-2).op("i32.and").i32(3).op("i32.shl").op("i32.add").set(end);
    f.loopWhileLess(ap, end, () => {
      f.get(acc).get(ap).load(0).get(bp).load(0).mul().add().set(acc);
      f.inc(ap, 16).inc(bp, 16);
    });
    f.get(p.n)
      .i32(1)
      .op("i32.and")
      .ifElse(() => {
        f.get(acc)
          .get(acc)
          .op("f64x2.extract_lane", 0)
          .get(ap)
          .op("f64.load", 3, 0)
          .get(bp)
          .op("f64.load", 3, 0)
          .op("f64.mul")
          .op("f64.add")
          .op("f64x2.replace_lane", 0)
          .set(acc);
      });
    f.get(p.out);
    f.get(acc).op("f64x2.extract_lane", 0).get(acc).op("f64x2.extract_lane", 1).op("f64.add");
    f.op("f64.store", 3, 0);
  },
  ts: (_m, a: Float64Array, b: Float64Array, out: Float64Array, n: number) => {
    let s0 = 0;
    let s1 = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
    }
    if (i < n) s0 += a[i] * b[i];
    out[0] = s0 + s1;
  },
  sample: (s) => {
    const n = s.int(1, 41);
    return [s.f64(n), s.f64(n), s.f64(1), n] as never;
  },
});
