// When the module validates but cannot be compiled synchronously (a browser's main thread), the
// fft runs its kernels' TypeScript twins in a plain memory: the same plans and the same bits as
// the compiled WebAssembly that workers run; initSimd() then switches to WebAssembly in place.
import { afterAll, describe, expect, it } from "vitest";
import { clearPlanCache, complexPlan, fft, fftn, realPlan, rfft } from "../src/index";
import { initSimdKernels, resetSimdState, simd } from "../src/wasm";

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32 - 0.5;
  };
}

function outputs(): Float64Array[] {
  const r = rng(5);
  const out: Float64Array[] = [];
  for (const n of [2, 3, 4, 5, 6, 8, 12, 15, 16, 30, 40, 64, 100, 120, 240, 256, 1000, 1024]) {
    const x = Float64Array.from({ length: 2 * n }, r);
    out.push(fft(x) as Float64Array);
    out.push(rfft(x.subarray(0, n)) as Float64Array);
    const rows = Float64Array.from({ length: 3 * n }, r);
    const bins = new Float64Array(3 * 2 * (Math.floor(n / 2) + 1));
    realPlan(n).forwardBatch(rows, bins, 3);
    out.push(bins);
  }
  for (const shape of [
    [40, 40],
    [6, 10, 8],
    [64, 30],
  ]) {
    const x = Float64Array.from({ length: 2 * shape.reduce((a, b) => a * b, 1) }, r);
    out.push(fftn(x, shape) as Float64Array);
  }
  return out;
}

describe("TypeScript twins as the fallback of a refused synchronous compile", () => {
  afterAll(() => {
    resetSimdState();
    clearPlanCache();
  });

  it("give the same plans and bit-identical results as the WebAssembly kernels", () => {
    resetSimdState({ twins: true });
    clearPlanCache();
    expect(simd.twins).toBe(true);
    expect(complexPlan(240).kind).toBe("mixed-wasm");
    const twins = outputs();
    resetSimdState();
    clearPlanCache();
    expect(complexPlan(240).kind).toBe("mixed-wasm");
    expect(simd.twins).toBe(false);
    const wasm = outputs();
    expect(twins.length).toBe(wasm.length);
    for (let i = 0; i < wasm.length; i++) expect(twins[i]).toEqual(wasm[i]);
    // and the values are an FFT: bin 0 of fft(x) is sum x
    const x = Float64Array.from({ length: 2 * 12 }, rng(9));
    let re = 0;
    for (let j = 0; j < 12; j++) re += x[2 * j];
    expect(fft(x)[0]).toBeCloseTo(re, 12);
  });

  it("plans made on the twins continue on WebAssembly after initSimd, with the same bits", async () => {
    resetSimdState({ twins: true });
    clearPlanCache();
    const plan = complexPlan(120);
    const x = Float64Array.from({ length: 240 }, rng(3));
    const before = new Float64Array(240);
    plan.forward(x, before);
    await expect(initSimdKernels()).resolves.toBe(true);
    expect(simd.twins).toBe(false);
    const after = new Float64Array(240);
    plan.forward(x, after);
    expect(after).toEqual(before);
  });
});
