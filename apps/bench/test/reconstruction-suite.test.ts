import { describe, expect, it } from "vitest";
import { MersenneTwister, grayPng, harmonicSignal } from "../src/suites/reconstruction";
import { suites } from "../src/suites/index";
import { inflateSync } from "node:zlib";

describe("reconstruction suite", () => {
  it("is registered", () => expect(Object.keys(suites)).toContain("reconstruction"));
  it("MersenneTwister reproduces numpy's RandomState(42).rand()", () => {
    const r = new MersenneTwister(42);
    // numpy 1.24: np.random.RandomState(42).rand(3)
    expect([r.rand(), r.rand(), r.rand()]).toEqual([
      0.3745401188473625, 0.9507143064099162, 0.7319939418114051,
    ]);
  });
  it("harmonicSignal is Kymatio's example signal bit for bit", () => {
    const x = harmonicSignal(8192);
    let s = 0;
    for (const v of x) s += v;
    // numpy: generate_harmonic_signal(2**13) -> float(x.astype(float64).sum()), x[1000], x[5000]
    expect(s).toBe(-0.00010572530140962044);
    expect(x[1000]).toBe(-0.4262929856777191);
    expect(x[5000]).toBe(-0.12718595564365387);
  });
  it("grayPng writes a decodable 8-bit grayscale PNG", () => {
    const png = grayPng([0, 0.5, 1, 2], 2, 2);
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const dv = new DataView(png.buffer);
    expect(dv.getUint32(16)).toBe(2); // width
    expect(dv.getUint32(20)).toBe(2); // height
    const idatLen = dv.getUint32(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    expect(Array.from(raw)).toEqual([0, 0, 128, 0, 255, 255]);
  });
});
