import { describe, expect, it } from "vitest";
import { linalgModule } from "../src/kernels";
import { firstDifference, runTwins } from "../../core/test/twins";

describe("linalg WebAssembly kernels", () => {
  it("compile (strict mode in tests)", () => {
    expect(linalgModule.compile()).not.toBeNull();
  });
  it("WebAssembly and TypeScript twin give the same bits on random inputs", () => {
    for (const k of linalgModule.kernels) {
      for (let seed = 1; seed <= 12; seed++) {
        const r = runTwins(linalgModule as never, k.name, seed);
        expect(firstDifference(r.wasm, r.ts), `${k.name} seed ${seed}`).toBe(-1);
        expect(firstDifference(r.wasm, r.before), `${k.name} seed ${seed} wrote nothing`).not.toBe(-1);
      }
    }
  });
});

describe("rowsScoresF32 and rowsScoresF32W32", () => {
  it("give the same bits when W32 is W rounded to float32 (PackedRows rounds W once per load)", () => {
    const k = linalgModule.bindTwins() as unknown as Record<string, (...a: unknown[]) => void>;
    const [nb, l, dp] = [8, 4, 76];
    const x = Float32Array.from({ length: nb * dp }, (_, i) => Math.sin(i));
    const w = Float64Array.from({ length: l * dp }, (_, i) => Math.cos(i) / 3);
    const b = Float64Array.from({ length: l }, (_, i) => i - 1.5);
    const z1 = new Float64Array(nb * l);
    const z2 = new Float64Array(nb * l);
    k.rowsScoresF32(x, w, b, z1, nb, l, dp);
    k.rowsScoresF32W32(x, Float32Array.from(w), b, z2, nb, l, dp);
    expect(Array.from(z2)).toEqual(Array.from(z1));
  });
});
