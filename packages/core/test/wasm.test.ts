import { describe, expect, it } from "vitest";
import { F64, I32, V128, WasmBody, assembleModule, sleb, uleb } from "../src/index";

describe("LEB128", () => {
  it("uleb encodes known values", () => {
    expect(uleb(0)).toEqual([0x00]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(uleb(2 ** 32 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });
  it("sleb encodes known values", () => {
    expect(sleb(0)).toEqual([0x00]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(-(2 ** 31))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
  });
});

describe("assembleModule", () => {
  // sum(p, n): loop adding i32 at p, p + 4, ... (n values) into mem[0] as i32; plus i32 add
  // through a local and a SIMD f64x2 lane sum written as f64 at address `out`.
  function build(memory: Parameters<typeof assembleModule>[1]) {
    const add = new WasmBody([I32, I32, I32]); // add(a, b, out): mem_i32[out] = a + b + 1
    const t = add.local(I32);
    add.get(0).get(1).op("i32.add").i32(1).op("i32.add").set(t);
    add.get(2).get(t).op("i32.store", 2, 0);
    const lanes = new WasmBody([F64, I32]); // lanes(x, out): mem_f64[out] = (x + x) lane 0 + 1.5
    const v = lanes.local(V128);
    lanes.get(0).op("f64x2.splat").set(v);
    lanes
      .get(1)
      .get(v)
      .get(v)
      .op("f64x2.add")
      .op("f64x2.extract_lane", 0)
      .f64(1.5)
      .op("f64.add")
      .op("f64.store", 3, 0);
    const count = new WasmBody([I32, I32]); // count(n, out): mem_i32[out] = sum_{i < n} i (loop)
    const [i, s] = [count.local(I32), count.local(I32)];
    count.loopWhileLess(i, 0, () => {
      count.get(s).get(i).op("i32.add").set(s);
      count.inc(i, 1);
    });
    count.get(1).get(s).op("i32.store", 2, 0);
    return assembleModule(
      [
        { name: "add", body: add },
        { name: "lanes", body: lanes },
        { name: "count", body: count },
      ],
      memory,
    );
  }

  it("builds a valid module with an exported memory that computes", () => {
    const bytes = build({ export: "mem", min: 1 });
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const ex = inst.exports as {
      mem: WebAssembly.Memory;
      add(a: number, b: number, out: number): void;
      lanes(x: number, out: number): void;
      count(n: number, out: number): void;
    };
    expect(ex.mem.buffer.byteLength).toBe(65536);
    const i32 = new Int32Array(ex.mem.buffer);
    ex.add(40, -3, 8);
    expect(i32[2]).toBe(38);
    ex.count(10, 12);
    expect(i32[3]).toBe(45);
    ex.lanes(2.25, 16);
    expect(new Float64Array(ex.mem.buffer)[2]).toBe(6);
  });

  it("builds a valid module with an imported memory", () => {
    const bytes = build({ import: { module: "env", name: "mem" }, min: 2 });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const mem = new WebAssembly.Memory({ initial: 2 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } });
    expect("mem" in inst.exports).toBe(false);
    (inst.exports.add as (a: number, b: number, out: number) => void)(7, 8, 65536);
    expect(new Int32Array(mem.buffer)[16384]).toBe(16);
    expect(
      () =>
        new WebAssembly.Instance(new WebAssembly.Module(bytes), {
          env: { mem: new WebAssembly.Memory({ initial: 1 }) },
        }),
    ).toThrow();
  });
});
