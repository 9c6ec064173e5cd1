import { ShapeError } from "@scatterkit/core";
import { describe, expect, it } from "vitest";
import { HarmonicScattering3D } from "../src/harmonic3d";
import { TimeFrequencyScattering } from "../src/index";
import { Backend1D } from "../src/scattering1d/backend";
import { planTree1D, scatter1D } from "../src/scattering1d/core";
import { Scattering1D } from "../src/scattering1d";
import { Scattering2D } from "../src/scattering2d";
import type { ScatteringTransform } from "../src/transform";

function noise(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

// Each transform through the shared interface: input item shape, number of paths, and the axis
// of the output that holds the paths.
const cases: { name: string; make: () => ScatteringTransform; item: number[]; pathAxis: number }[] = [
  {
    name: "Scattering1D",
    make: () => new Scattering1D({ J: 3, shape: 100, Q: 2 }),
    item: [100],
    pathAxis: -2,
  },
  {
    name: "Scattering2D",
    make: () => new Scattering2D({ J: 2, shape: [12, 14], L: 3 }),
    item: [12, 14],
    pathAxis: -3,
  },
  {
    name: "HarmonicScattering3D",
    make: () => new HarmonicScattering3D({ J: 1, shape: [6, 6, 6], L: 1 }),
    item: [6, 6, 6],
    pathAxis: -3,
  },
  {
    name: "TimeFrequencyScattering",
    make: () => new TimeFrequencyScattering({ J: 4, Jfr: 1, Q: 4, shape: 128 }),
    item: [128],
    pathAxis: -2,
  },
];

describe("ScatteringTransform (shared by the Kymatio-equal transforms)", () => {
  for (const c of cases) {
    it(`${c.name}: forward, forwardAsync, outputShapeFor, meta and dispose agree`, async () => {
      const S = c.make();
      const size = c.item.reduce((a, b) => a * b, 1);
      const x = { data: noise(2 * 3 * size, 7), shape: [2, 3, ...c.item] };
      const y = S.forward(x);
      expect(y.shape).toEqual(S.outputShapeFor(x.shape));
      expect(y.shape.slice(0, 2)).toEqual([2, 3]);
      expect(y.data).toBeInstanceOf(Float64Array);
      expect(y.data.length).toBe(y.shape.reduce((a, b) => a * b, 1));
      expect(S.meta().order.length).toBe(y.shape[y.shape.length + c.pathAxis]);
      // each item is transformed on its own: item k of the batch equals the forward of item k
      // alone (to rounding: 2-D and 3-D share one FFT between two items of a batch)
      const per = y.data.length / 6;
      const one = S.forward({ data: x.data.slice(4 * size, 5 * size), shape: c.item });
      const ref = y.data.subarray(4 * per, 5 * per);
      let err = 0;
      let mx = 0;
      for (let i = 0; i < per; i++) {
        err = Math.max(err, Math.abs(one.data[i] - ref[i]));
        mx = Math.max(mx, Math.abs(ref[i]));
      }
      expect(mx).toBeGreaterThan(0);
      expect(err / mx).toBeLessThan(1e-12);
      const a = await S.forwardAsync(x);
      expect(a.shape).toEqual(y.shape);
      expect(Array.from(a.data)).toEqual(Array.from(y.data));
      const x32 = { data: Float32Array.from(x.data), shape: x.shape };
      expect(S.forward(x32).data).toBeInstanceOf(Float32Array);
      await S.dispose();
      await S.dispose(); // twice is fine
    });

    it(`${c.name}: a wrong item shape is a ShapeError naming x.shape and the expected shape`, () => {
      const S = c.make();
      const bad = [...c.item.slice(0, -1), c.item[c.item.length - 1] + 1];
      const x = { data: new Float64Array(bad.reduce((a, b) => a * b, 1)), shape: bad };
      expect(() => S.forward(x)).toThrow(ShapeError);
      expect(() => S.forward(x)).toThrow(new RegExp(`x\\.shape.*\\[\\.\\.\\.batch, ${c.item.join(", ")}\\]`));
    });
  }

  it("the 1-D core walk writes exactly one item's rows at its offset and nothing else", () => {
    const S = new Scattering1D({ J: 4, shape: 64, Q: 2, T: 8 });
    const be = new Backend1D(S.filters, S.padding, S.N, S.log2Stride);
    const tree = planTree1D(S.filters, be, {
      local: true,
      log2Stride: S.log2Stride,
      maxOrder: 2,
      outputLength: S.outputLength,
    });
    expect(tree.paths.length).toBe(S.nPaths);
    const x = noise(64, 3);
    const per = S.nPaths * S.outputLength;
    const out = new Float64Array(3 * per).fill(Number.NaN);
    scatter1D(tree, be, x, 0, out, per);
    expect(out.subarray(0, per).every(Number.isNaN)).toBe(true);
    expect(out.subarray(2 * per).every(Number.isNaN)).toBe(true);
    expect(Array.from(out.subarray(per, 2 * per))).toEqual(
      Array.from(S.forward({ data: x, shape: [64] }).data),
    );
  });
});
