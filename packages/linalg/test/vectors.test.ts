import { describe, expect, it } from "vitest";
import { VectorBank, setEngine } from "@scatterkit/linalg";

function plainAxpyDot(c: number, x: Float64Array, p: Float64Array, u: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < p.length; i += 2) {
    p[i] += c * x[i];
    p[i + 1] += c * x[i + 1];
    s0 += u[i] * p[i];
    s1 += u[i + 1] * p[i + 1];
  }
  if (i < p.length) {
    p[i] += c * x[i];
    s0 += u[i] * p[i];
  }
  return s0 + s1;
}

describe.each(["auto", "typescript"] as const)("VectorBank (engine %s)", (engine) => {
  it("axpyDot and dot equal the plain even/odd loops bit for bit (odd and even lengths)", () => {
    setEngine(engine);
    for (const n of [1, 2, 7, 64, 1001]) {
      const B = new VectorBank(3, n);
      expect(B.engine).toBe(engine === "typescript" ? "typescript" : "wasm-simd");
      const [x, p, u] = B.vectors;
      for (let i = 0; i < n; i++) {
        x[i] = Math.sin(i + 1);
        p[i] = Math.cos(3 * i);
        u[i] = 1 / (i + 2);
      }
      const pc = Float64Array.from(p);
      const want = plainAxpyDot(-0.37, x, pc, u);
      expect(B.axpyDot(-0.37, x, p, u)).toBe(want);
      expect(Array.from(p)).toEqual(Array.from(pc));
      let s0 = 0;
      let s1 = 0;
      let i = 0;
      for (; i + 1 < n; i += 2) {
        s0 += x[i] * u[i];
        s1 += x[i + 1] * u[i + 1];
      }
      if (i < n) s0 += x[i] * u[i];
      expect(B.dot(x, u)).toBe(s0 + s1);
      // u = null: update only
      B.axpyDot(2, x, p, null);
      for (let q = 0; q < n; q++) expect(p[q]).toBe(pc[q] + 2 * x[q]);
    }
    setEngine("auto");
  });
  it("refuses vectors that are not its own", () => {
    setEngine(engine);
    const B = new VectorBank(2, 5);
    expect(() => B.dot(B.vectors[0], new Float64Array(5))).toThrow(
      /Invalid b: .*a vector of this VectorBank \(length 5\)/,
    );
    expect(() => new VectorBank(0, 5)).toThrow(/Invalid count/);
    setEngine("auto");
  });
});

describe("VectorBank on a given shared memory", () => {
  it("lays vectors out at offset(i, n) within byteLength, runs the shared module, same bits as its own memory", () => {
    setEngine("auto");
    for (const n of [7, 1001]) {
      const bytes = VectorBank.byteLength(3, n);
      expect(bytes).toBe(8 * (Math.ceil(n / 2) * 2 * 3 + 2));
      const pages = Math.ceil(bytes / 65536);
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
      const S = new VectorBank(3, n, { memory });
      const O = new VectorBank(3, n);
      expect(S.engine).toBe("wasm-simd");
      S.vectors.forEach((v, i) => {
        expect(v.buffer).toBe(memory.buffer);
        expect(v.byteOffset).toBe(VectorBank.offset(i, n));
      });
      for (const B of [S, O]) {
        const [x, p, u] = B.vectors;
        for (let i = 0; i < n; i++) {
          x[i] = Math.sin(i + 1);
          p[i] = Math.cos(3 * i);
          u[i] = 1 / (i + 2);
        }
      }
      expect(S.axpyDot(0.61, S.vectors[0], S.vectors[1], S.vectors[2])).toBe(
        O.axpyDot(0.61, O.vectors[0], O.vectors[1], O.vectors[2]),
      );
      expect(Array.from(S.vectors[1])).toEqual(Array.from(O.vectors[1]));
      expect(S.dot(S.vectors[1], S.vectors[2])).toBe(O.dot(O.vectors[1], O.vectors[2]));
    }
    const small = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    expect(() => new VectorBank(3, 10000, { memory: small })).toThrow(/Invalid options.memory/);
  });
});
