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
