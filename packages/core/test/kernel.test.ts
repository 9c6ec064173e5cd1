import { afterEach, describe, expect, it } from "vitest";
import {
  KernelModule,
  SCALAR_OPS,
  SIMD_OPS,
  SWAP_HALVES,
  WasmModuleError,
  defineKernel,
  toWat,
  wasmStrict,
} from "../src/index";
import { firstDifference, runTwins } from "./twins";

// The example of defineKernel's doc comment: y[i] = a x[i] + y[i], two lanes at a time.
const axpy = defineKernel({
  name: "axpy",
  doc: "y[i] = a x[i] + y[i] for i < n (n even)",
  params: ["a: f64", "x: f64[]", "y: f64[]", "n: i32"],
  wasm: (f, p) => {
    const [end, av] = [f.local("i32"), f.local("v128")];
    f.get(p.a).op("f64x2.splat").set(av);
    f.get(p.x).get(p.n).i32(3).op("i32.shl").op("i32.add").set(end);
    f.loopWhileLess(p.x, end, () => {
      f.get(p.y);
      f.get(p.x).load().get(av).mul().get(p.y).load().add();
      f.store();
      f.inc(p.x, 16).inc(p.y, 16);
    });
  },
  ts: (_m, a, x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = x[i] * a + y[i];
  },
  sample: (s) => {
    const n = 2 * s.int(1, 40);
    return [s.rng() * 4 - 2, s.f64(n), s.f64(n), n];
  },
});

/** sumTo(x, n, out): mem[out] = sum of the n i32 at x, by calling axpy-free scalar code and a call by name. */
const twice = defineKernel({
  name: "twice",
  doc: "y[i] = 2 x[i] + y[i] (calls axpy with a = 2)",
  params: ["x: i32", "y: i32", "n: i32"],
  wasm: (f, p) => {
    f.f64(2).get(p.x).get(p.y).get(p.n).call("axpy");
  },
  ts: (m, x, y, n) => {
    const f64 = m.f64;
    axpy.ts(m, 2, f64.subarray(x / 8, x / 8 + n), f64.subarray(y / 8, y / 8 + n), n);
  },
  sample: (s) => [s.f64(6).byteOffset, s.f64(6).byteOffset, 6],
});

const example = new KernelModule("example", [axpy, twice] as const, {
  import: { module: "env", name: "mem" },
  min: 1,
});

describe("defineKernel / KernelModule", () => {
  it("binds kernels by name and computes the formula of the doc comment", () => {
    const mem = new WebAssembly.Memory({ initial: 1 });
    const inst = example.instantiate(mem)!;
    expect(inst).not.toBeNull();
    const x = new Float64Array(mem.buffer, 16, 4);
    const y = new Float64Array(mem.buffer, 48, 4);
    x.set([1, 2, 3, 4]);
    y.set([10, 20, 30, 40]);
    inst.kernels.axpy(0.5, x, y, 4);
    expect(Array.from(y)).toEqual([10.5, 21, 31.5, 42]);
    inst.kernels.twice(x.byteOffset, y.byteOffset, 2);
    expect(Array.from(y)).toEqual([12.5, 25, 31.5, 42]);
    // the twin, on plain arrays
    const twins = example.bindTwins();
    const y2 = Float64Array.from([10, 20, 30, 40]);
    twins.axpy(0.5, Float64Array.from([1, 2, 3, 4]), y2, 4);
    expect(Array.from(y2)).toEqual([10.5, 21, 31.5, 42]);
  });

  it("rejects a view that is not in the module's memory", () => {
    const inst = example.instantiate(new WebAssembly.Memory({ initial: 1 }))!;
    expect(() => inst.kernels.axpy(1, new Float64Array(2), new Float64Array(2), 2)).toThrow(
      /not in module memory/,
    );
  });

  it("WebAssembly and TypeScript twin give the same bits on random inputs", () => {
    for (const name of ["axpy", "twice"]) {
      for (let seed = 1; seed <= 5; seed++) {
        const r = runTwins(example, name, seed);
        expect(firstDifference(r.wasm, r.before)).toBeGreaterThanOrEqual(0); // the kernel wrote something
        expect(firstDifference(r.wasm, r.ts)).toBe(-1);
      }
    }
  });

  it("the WAT text of the module matches the committed snapshot (update: vitest -u)", async () => {
    await expect(example.wat()).toMatchFileSnapshot("./snapshots/example-kernels.wat");
    expect(toWat(example.bytes())).toContain("call $axpy");
  });

  describe("an invalid module", () => {
    const keep = process.env.SCATTERKIT_WASM_STRICT;
    afterEach(() => {
      process.env.SCATTERKIT_WASM_STRICT = keep;
    });
    // f64.add of an i32 and an f64: fails validation
    const bad = defineKernel({
      name: "bad",
      doc: "invalid on purpose",
      params: ["n: i32"],
      wasm: (f, p) => {
        f.get(p.n).f64(1).op("f64.add").op("drop");
      },
      ts: () => {},
    });
    it("throws WasmModuleError in strict mode (the tests' default)", () => {
      expect(wasmStrict()).toBe(true); // set by tooling/vitest-config
      const m = new KernelModule("bad", [bad] as const, { export: "mem", min: 1 });
      expect(() => m.compile()).toThrow(WasmModuleError);
      expect(() => m.instantiate()).toThrow(WasmModuleError); // every time, never a silent fallback
    });
    it("is null (TypeScript twins run) outside strict mode", () => {
      process.env.SCATTERKIT_WASM_STRICT = "0";
      const m = new KernelModule("bad", [bad] as const, { export: "mem", min: 1 });
      expect(m.compile()).toBeNull();
      expect(m.instantiate()).toBeNull();
    });
  });

  it("rejects a named instruction with the wrong number of immediates", () => {
    const k = defineKernel({
      name: "k",
      doc: "",
      params: [],
      wasm: (f) => {
        f.op("i32.load", 2);
      },
      ts: () => {},
    });
    expect(() => k.body()).toThrow(/expected 2/);
  });

  it("rejects a parameter that is not 'name: type' with a known type", () => {
    const bad = (spec: string) => () =>
      defineKernel({ name: "k", doc: "", params: [spec as "n: i32"], wasm: () => {}, ts: () => {} });
    expect(bad("n: u8[]")).toThrow(/parameter "n: u8\[\]"/);
    expect(bad("f64")).toThrow(/expected "name: type"/);
    expect(bad("n: f32[]")).not.toThrow();
  });
});

describe("opcode table", () => {
  it("gives every instruction a distinct code within its table, and toWat reads each back by name", () => {
    for (const table of [SCALAR_OPS, SIMD_OPS]) {
      const codes = Object.values(table).map(([c]) => c);
      expect(new Set(codes).size).toBe(codes.length);
    }
    // one function using a sample of instructions of each immediate kind
    const k = defineKernel({
      name: "mix",
      doc: "exercises immediates",
      params: ["p: i32", "x: f64"],
      wasm: (f, p) => {
        const v = f.local("v128");
        f.get(p.p).op("f64.load", 3, 8).get(p.x).op("f64.add").op("f64x2.splat").set(v);
        f.get(p.p).get(v).op("f64x2.extract_lane", 1).op("f64.store", 3, 16);
        f.get(p.p)
          .f64x2(0.5, -2)
          .get(v)
          .op("i8x16.shuffle", ...SWAP_HALVES)
          .op("f64x2.mul")
          .store(32);
        f.i32(-123456).op("drop");
      },
      ts: () => {},
    });
    const wat = new KernelModule("mix", [k] as const, { export: "mem", min: 1 }).wat();
    for (const line of [
      "f64.load offset=8 align=8",
      "f64x2.extract_lane 1",
      "f64.store offset=16 align=8",
      "v128.const f64x2 0.5 -2",
      "i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7",
      "v128.store offset=32 align=8",
      "i32.const -123456",
      '(memory (export "mem") 1)',
      "(param i32 f64)",
    ]) {
      expect(wat).toContain(line);
    }
  });
});
