import { describe, expect, it } from "vitest";
import { complexPlan } from "../src/index";
import { internalPlan } from "../src/plan";
import { WasmEngine, fftKernels, testAccess, wasmAvailable } from "../src/wasm";

describe("WebAssembly SIMD kernels", () => {
  it("are available on Node.js 20+", () => {
    expect(wasmAvailable()).toBe(true);
  });

  it("the one-call blocks driver gives bit-identical results to one call per pass (5-smooth n <= 400, batches)", () => {
    let checked = 0;
    for (let n = 2; n <= 400; n++) {
      const e = internalPlan(n).engine;
      if (!(e instanceof WasmEngine)) continue;
      expect(complexPlan(n).kind.endsWith("-wasm")).toBe(true);
      for (const [batch, sign] of [
        [1, -1],
        [3, 1],
      ]) {
        const len = 2 * n * batch;
        const x = new Float64Array(len).map((_, i) => Math.sin(1.7 * i + n));
        const { mem, a, b } = testAccess(len);
        mem.set(x, a / 8);
        const r1 = e.runPerPass(a, b, batch, sign, sign > 0 ? 1 / n : 1);
        const perPass = mem.slice(r1 / 8, r1 / 8 + len);
        mem.set(x, a / 8);
        const r2 = e.run(a, b, batch, sign, sign > 0 ? 1 / n : 1);
        expect(r2).toBe(r1);
        expect(mem.slice(r2 / 8, r2 / 8 + len)).toEqual(perPass);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe("fft kernel module", () => {
  it("its WAT text matches the committed snapshot (update: vitest -u)", async () => {
    await expect(fftKernels.wat()).toMatchFileSnapshot("./snapshots/fft-kernels.wat");
  });
  it("dispatches by name: blocks calls the pass kernels by name", () => {
    const wat = fftKernels.wat();
    for (const r of [2, 3, 4, 5]) expect(wat).toContain(`call $pass${r}`);
  });
});
