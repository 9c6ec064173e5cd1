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

describe("rowsScoresF32W32: WebAssembly (lane sums from each chunk's first products) and twin (from 0)", () => {
  it("give the same bits when products are zeros of either sign, whole chunks of them included", () => {
    const [nb, l, dp] = [8, 4, 100]; // three full 32-column chunks and one of 4 columns
    const mem = new WebAssembly.Memory({ initial: 2 });
    const inst = linalgModule.instantiate(mem);
    expect(inst).not.toBeNull();
    const W = inst?.kernels as unknown as Record<string, (...a: unknown[]) => void>;
    const T = linalgModule.bindTwins() as unknown as Record<string, (...a: unknown[]) => void>;
    const buf = mem.buffer;
    const x = new Float32Array(buf, 0, nb * dp);
    const w = new Float32Array(buf, 4 * nb * dp, l * dp);
    const b = new Float64Array(buf, 4 * (nb + l) * dp, l);
    const z = new Float64Array(buf, 4 * (nb + l) * dp + 8 * l, nb * l);
    for (let i = 0; i < x.length; i++) {
      const j = i % dp;
      // row 0: all -0; rows 1-3: the first chunk -0 / +0 alternating; others: values and zeros
      x[i] = i < dp ? -0 : i < 4 * dp && j < 32 ? (j % 2 ? -0 : 0) : j % 3 === 0 ? -0 : Math.sin(i);
    }
    for (let i = 0; i < w.length; i++) w[i] = i % 7 === 0 ? -0 : Math.cos(i);
    b.set([0, -0, 0.5, -0]);
    W.rowsScoresF32W32(x, w, b, z, nb, l, dp);
    const wasm = Array.from(z);
    const zt = new Float64Array(nb * l);
    T.rowsScoresF32W32(x.slice(), w.slice(), b.slice(), zt, nb, l, dp);
    expect(wasm.map((v) => Object.is(v, -0))).toEqual(Array.from(zt, (v) => Object.is(v, -0)));
    expect(wasm).toEqual(Array.from(zt));
    expect(Object.is(wasm[1], -0) || Object.is(wasm[1], 0)).toBe(true); // row 0, class 1: 0 + bias -0
  });
});
