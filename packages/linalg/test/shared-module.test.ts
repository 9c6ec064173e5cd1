import { describe, expect, it } from "vitest";
import { linalgModule } from "../src/kernels";
import { SHARED_MAX_PAGES, compiledKernelsShared, withSharedMemoryImport } from "../src/shared-module";
import { rng } from "./helpers";

type Exports = Record<string, (...a: number[]) => void>;

/** Runs rowsScoresF32W32 then rowsAccTF32 on one block laid out in `mem`; returns z and g. */
function runBlock(E: Exports, mem: WebAssembly.Memory, seed: number) {
  const [nb, l, dp] = [12, 10, 148];
  const r = rng(seed);
  const buf = mem.buffer;
  let at = 0;
  const take = (bytes: number) => {
    const o = at;
    at += Math.ceil(bytes / 16) * 16;
    return o;
  };
  const xo = take(4 * nb * dp);
  const wo = take(4 * l * dp);
  const bo = take(8 * l);
  const zo = take(8 * nb * l);
  const ro = take(8 * nb * l);
  const go = take(8 * l * dp);
  const x = new Float32Array(buf, xo, nb * dp);
  const w = new Float32Array(buf, wo, l * dp);
  const b = new Float64Array(buf, bo, l);
  // every fourth entry a zero of either sign: the lane sums' signed zeros must not show
  for (let i = 0; i < x.length; i++) x[i] = i % 4 === 1 ? (i % 8 === 1 ? -0 : 0) : r();
  for (let i = 0; i < w.length; i++) w[i] = i % 5 === 0 ? -0 : r();
  for (let i = 0; i < l; i++) b[i] = r();
  new Float64Array(buf, ro, nb * l).forEach((_, i, a) => {
    a[i] = r();
  });
  new Float64Array(buf, go, l * dp).fill(0);
  E.rowsScoresF32W32(xo, wo, bo, zo, nb, l, dp);
  E.rowsAccTF32(xo, ro, go, nb, l, dp);
  return [...new Float64Array(buf, zo, nb * l), ...new Float64Array(buf, go, l * dp)];
}

describe("linalg kernels on a shared memory", () => {
  it("the rewritten module keeps every other section byte for byte and declares a shared import", () => {
    const plain = linalgModule.bytes();
    const shared = withSharedMemoryImport(plain);
    // the code section (the last one) is identical: the same functions, the same bits
    const tail = 4096;
    expect(Array.from(shared.subarray(shared.length - tail))).toEqual(
      Array.from(plain.subarray(plain.length - tail)),
    );
    expect(shared.length).toBeGreaterThan(plain.length);
    const mod = new WebAssembly.Module(shared);
    expect(WebAssembly.Module.imports(mod)).toEqual([{ module: "env", name: "mem", kind: "memory" }]);
    expect(() => withSharedMemoryImport(shared)).toThrow(/not one unshared memory/);
    expect(SHARED_MAX_PAGES).toBe(65536);
  });

  it("gives the same bits as the unshared module, signed zeros in X and W included", () => {
    const mod = compiledKernelsShared();
    expect(mod).not.toBeNull();
    const sharedMem = new WebAssembly.Memory({ initial: 2, maximum: 2, shared: true });
    expect(sharedMem.buffer).toBeInstanceOf(SharedArrayBuffer);
    const S = new WebAssembly.Instance(mod as WebAssembly.Module, { env: { mem: sharedMem } }).exports;
    const plainMem = new WebAssembly.Memory({ initial: 2 });
    const P = linalgModule.instantiate(plainMem)?.exports;
    for (const seed of [1, 2, 3]) {
      const a = runBlock(S as unknown as Exports, sharedMem, seed);
      const b = runBlock(P as unknown as Exports, plainMem, seed);
      expect(a.length).toBe(12 * 10 + 10 * 148);
      expect(a).toEqual(b);
      expect(a.every(Number.isFinite)).toBe(true);
    }
  });

  it("refuses a module without a memory import", () => {
    const header = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    expect(() => withSharedMemoryImport(header)).toThrow(/imports no memory/);
  });
});
