import { describe, expect, it } from "vitest";
import {
  Scattering1D,
  Scattering2D,
  TimeFrequencyScattering,
  type TimeFrequencyScatteringOptions,
  gaussianNoise,
  scattering1dVjp,
  scattering2dVjp,
} from "../src/index";
import type { Tensor } from "@scatterkit/core";

/**
 * <vjp(x, dy), v> against the central finite difference of f(x) = sum(dy · S(x)) along v,
 * for three random directions; returns the worst relative error.
 */
function worstFdError(
  forward: (x: Tensor) => Tensor,
  vjp: (x: Tensor, dy: Tensor) => Tensor,
  shape: number[],
  seed: number,
): number {
  const n = shape.reduce((a, b) => a * b, 1);
  const x = { data: gaussianNoise(n, seed), shape };
  const y = forward(x);
  const dy = { data: gaussianNoise(y.data.length, seed + 1), shape: y.shape };
  const g = vjp(x, dy);
  expect(g.shape).toEqual(shape);
  let worst = 0;
  for (let k = 0; k < 3; k++) {
    const v = gaussianNoise(n, seed + 10 + k);
    const h = 1e-5;
    const f = (s: number) => {
      const yy = forward({ data: Float64Array.from(x.data, (a, i) => a + s * h * v[i]), shape });
      let acc = 0;
      for (let i = 0; i < yy.data.length; i++) acc += yy.data[i] * dy.data[i];
      return acc;
    };
    const fd = (f(1) - f(-1)) / (2 * h);
    let an = 0;
    for (let i = 0; i < n; i++) an += g.data[i] * v[i];
    worst = Math.max(worst, Math.abs(fd - an) / Math.abs(fd));
  }
  return worst;
}

describe("Scattering1D vjp equals central finite differences (float64, 1e-5 relative)", () => {
  const cases: [string, ConstructorParameters<typeof Scattering1D>[0]][] = [
    ["J=3 Q=1 N=100", { J: 3, Q: 1, shape: 100 }],
    ["J=5 Q=8 T=16 N=300", { J: 5, Q: 8, shape: 300, T: 16 }],
    ["J=4 Q=[4,2] stride=4 N=257", { J: 4, Q: [4, 2], shape: 257, stride: 4 }],
    ["J=4 Q=2 T=global N=128", { J: 4, Q: 2, shape: 128, T: "global" }],
    ["J=6 Q=4 maxOrder=1 N=500", { J: 6, Q: 4, shape: 500, maxOrder: 1 }],
  ];
  for (const [name, opts] of cases) {
    it(name, () => {
      const S = new Scattering1D(opts);
      const err = worstFdError(
        (x) => S.forward(x),
        (x, dy) => S.vjp(x, dy),
        [2, S.N],
        7,
      );
      expect(err).toBeLessThan(1e-5);
    });
  }
});

describe("Scattering2D vjp equals central finite differences (float64, 1e-5 relative)", () => {
  const cases: [string, ConstructorParameters<typeof Scattering2D>[0]][] = [
    ["J=2 L=4 20x28", { J: 2, shape: [20, 28], L: 4 }],
    ["J=3 L=6 24x17", { J: 3, shape: [24, 17], L: 6 }],
    ["J=2 L=8 maxOrder=1 16x12", { J: 2, shape: [16, 12], L: 8, maxOrder: 1 }],
  ];
  for (const [name, opts] of cases) {
    it(name, () => {
      const S = new Scattering2D(opts);
      const [M, N] = S.shape;
      const err = worstFdError(
        (x) => S.forward(x),
        (x, dy) => S.vjp(x, dy),
        [2, M, N],
        5,
      );
      expect(err).toBeLessThan(1e-5);
    });
  }
});

describe("TimeFrequencyScattering vjp equals central finite differences (float64, 1e-5 relative)", () => {
  const cases: [string, TimeFrequencyScatteringOptions][] = [
    ["time, J=4 Jfr=1 Q=4 N=200", { J: 4, Jfr: 1, Q: 4, shape: 200 }],
    ["joint, J=4 Jfr=1 Q=4 N=200", { J: 4, Jfr: 1, Q: 4, shape: 200, format: "joint" }],
    ["time, F=global Q=[4,2] Jfr=2 N=150", { J: 4, Jfr: 2, Q: [4, 2], shape: 150, F: "global" }],
    ["time, T=global N=128", { J: 4, Jfr: 1, Q: 4, shape: 128, T: "global" }],
    ["time, F=0 N=128", { J: 4, Jfr: 1, Q: 4, shape: 128, F: 0 }],
    [
      "joint, stride=8 Qfr=2 J=5 N=300",
      { J: 5, Jfr: 1, Q: 4, shape: 300, stride: 8, Qfr: 2, format: "joint" },
    ],
  ];
  for (const [name, opts] of cases) {
    it(name, () => {
      const S = new TimeFrequencyScattering(opts);
      const err = worstFdError(
        (x) => S.forward(x),
        (x, dy) => S.vjp(x, dy),
        [2, S.N],
        1,
      );
      expect(err).toBeLessThan(1e-5);
    });
  }
});

describe("vjp is linear in dy and keeps the input's float type", () => {
  it("JTFS: vjp(x, a dy1 + dy2) = a vjp(x, dy1) + vjp(x, dy2); Float32Array in, Float32Array out", () => {
    const S = new TimeFrequencyScattering({ J: 4, Jfr: 1, Q: 2, shape: 96 });
    const x = { data: gaussianNoise(96, 3), shape: [96] };
    const shape = S.outputShape([96]);
    const n = shape.reduce((a, b) => a * b, 1);
    const d1 = gaussianNoise(n, 4);
    const d2 = gaussianNoise(n, 5);
    const g1 = S.vjp(x, { data: d1, shape });
    const g2 = S.vjp(x, { data: d2, shape });
    const g = S.vjp(x, { data: Float64Array.from(d1, (v, i) => 2.5 * v + d2[i]), shape });
    let mx = 0;
    let md = 0;
    for (let i = 0; i < 96; i++) {
      mx = Math.max(mx, Math.abs(g.data[i]));
      md = Math.max(md, Math.abs(g.data[i] - (2.5 * g1.data[i] + g2.data[i])));
    }
    expect(md / mx).toBeLessThan(1e-12);
    const g32 = S.vjp(
      { data: Float32Array.from(x.data), shape: [96] },
      { data: Float32Array.from(d1), shape },
    );
    expect(g32.data).toBeInstanceOf(Float32Array);
    expect(() => S.vjp(x, { data: d1.subarray(1), shape: [n - 1] })).toThrow(/dy.shape/);
  });
  it("Scattering1D.vjp / Scattering2D.vjp are scattering1dVjp / scattering2dVjp; Float32Array in, Float32Array out", () => {
    const S1 = new Scattering1D({ J: 3, shape: 64, Q: 2 });
    const x1 = { data: gaussianNoise(64, 1), shape: [64] };
    const d1 = { data: gaussianNoise(S1.nPaths * S1.outputLength, 2), shape: S1.outputShape([64]) };
    expect(S1.vjp(x1, d1).data).toEqual(scattering1dVjp(S1, x1, d1).data);
    expect(S1.vjp({ data: Float32Array.from(x1.data), shape: [64] }, d1).data).toBeInstanceOf(Float32Array);
    const S2 = new Scattering2D({ J: 2, shape: [12, 16], L: 2 });
    const x2 = { data: gaussianNoise(12 * 16, 3), shape: [12, 16] };
    const shape2 = S2.outputShapeFor([12, 16]);
    const d2 = {
      data: gaussianNoise(
        shape2.reduce((a, b) => a * b, 1),
        4,
      ),
      shape: shape2,
    };
    expect(S2.vjp(x2, d2).data).toEqual(scattering2dVjp(S2, x2, d2).data);
    expect(() => S2.vjp(x2, { data: d2.data, shape: [d2.data.length] })).toThrow(/dy.shape/);
  });
});
