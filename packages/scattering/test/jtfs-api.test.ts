import { ParameterError, ShapeError } from "@scatterkit/core";
import { describe, expect, it } from "vitest";
import { TimeFrequencyScattering, type TimeFrequencyScatteringOptions, gaussianNoise } from "../src/index";
import { MemoryLimitError } from "../src/sizes";

const base: TimeFrequencyScatteringOptions = { J: 4, Jfr: 1, Q: 4, shape: 128 };
const make = (o: Partial<TimeFrequencyScatteringOptions>) => () =>
  new TimeFrequencyScattering({ ...base, ...o } as TimeFrequencyScatteringOptions);

describe("TimeFrequencyScattering refuses what Kymatio refuses, with named errors", () => {
  const bad: [string, Partial<TimeFrequencyScatteringOptions>, RegExp][] = [
    ["Q_fr < 1", { Qfr: 0 }, /Qfr/],
    ["a Q_fr pair", { Qfr: [1, 1] as unknown as [number] }, /Qfr/],
    ["a non-integer Q_fr", { Qfr: 1.5 }, /Qfr/],
    ["format 'joint' with F = 0", { F: 0, format: "joint" }, /F/],
    ["format 'joint' with F = 'global' (paths cannot be stacked)", { F: "global", format: "joint" }, /F/],
    ["an unknown format", { format: "freq" as "time" }, /format/],
    ["T = 0 (no averaging: no array output)", { T: 0 }, /T/],
    ["T > N", { T: 200 }, /T/],
    ["T in (0, 1)", { T: 0.5 }, /T/],
    ["F > (J + 1) Q1", { F: 21 }, /F/],
    ["F in (0, 1)", { F: 0.5 }, /F/],
    ["a stride that is not a power of two", { stride: 3 }, /stride/],
    ["a stride with T = 'global'", { T: "global", stride: 4 }, /stride/],
    ["a frequential stride with F = 'global'", { F: "global", strideFr: 2 }, /strideFr/],
    ["a frequential stride with F = 0", { F: 0, strideFr: 2 }, /strideFr/],
    ["a frequential stride that is not a power of two", { strideFr: 3 }, /strideFr/],
    ["Q < 1", { Q: 0 }, /Q/],
    ["a temporal stride below the second-order subsampling", { stride: 2 }, /stride/],
  ];
  for (const [name, opts, re] of bad) {
    it(name, () => {
      expect(make(opts)).toThrow(ParameterError);
      expect(make(opts)).toThrow(re);
    });
  }
  it("refuses an input of the wrong length or with non-finite values", () => {
    const S = new TimeFrequencyScattering(base);
    expect(() => S.forward({ data: new Float64Array(100), shape: [100] })).toThrow(ShapeError);
    const x = new Float64Array(128);
    x[5] = Number.NaN;
    expect(() => S.forward({ data: x, shape: [128] })).toThrow(/finite/);
  });
  it("accepts what Kymatio accepts: F = 0 in format 'time', a one-element Q_fr, float T and F", () => {
    expect(make({ F: 0 })().nPaths).toBeGreaterThan(0);
    expect(make({ Qfr: [2] })().Qfr).toBe(2);
    expect(make({ T: 12.5, stride: 8 })().T).toBe(12.5);
    expect(make({ F: 3 })().F).toBe(3);
  });
});

describe("TimeFrequencyScattering sizes and warnings (CONTRACT.md)", () => {
  it("refuses configurations that cannot be held, before allocating, with the estimate and the limit", () => {
    expect(() => new TimeFrequencyScattering({ ...base, shape: 2 ** 31 })).toThrow(MemoryLimitError);
    expect(() => new TimeFrequencyScattering({ ...base, shape: 4096, maxMemoryBytes: 1e5 })).toThrow(
      /estimated .* GiB.*limit .*maxMemoryBytes/,
    );
  });
  it("computes where Kymatio only warns, warning once through onWarning", () => {
    const msgs: string[] = [];
    const S = new TimeFrequencyScattering({
      J: 3,
      Jfr: 1,
      Q: 1,
      shape: 16,
      T: 16,
      onWarning: (m) => msgs.push(m),
    });
    const y = S.forward({ data: gaussianNoise(16, 1), shape: [16] });
    expect(y.data.every(Number.isFinite)).toBe(true);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/support is too small/);
    const quiet: string[] = [];
    new TimeFrequencyScattering({ ...base, shape: 1024, onWarning: (m) => quiet.push(m) });
    expect(quiet).toHaveLength(0);
  });
});

describe("TimeFrequencyScattering shapes, batches and forwardAsync", () => {
  it("maps [...batch, N] to [...batch, P, Nout] ('time') and [...batch, P, Nfr, Nout] ('joint'), item by item", () => {
    for (const format of ["time", "joint"] as const) {
      const S = new TimeFrequencyScattering({ ...base, format });
      const x = gaussianNoise(6 * 128, 9);
      const y = S.forward({ data: x, shape: [2, 3, 128] });
      const per = S.outputShape([128]);
      expect(y.shape).toEqual([2, 3, ...per]);
      const size = per.reduce((a, b) => a * b, 1);
      const y4 = S.forward({ data: x.subarray(4 * 128, 5 * 128), shape: [128] });
      expect(Array.from(y.data.subarray(4 * size, 5 * size))).toEqual(Array.from(y4.data));
      expect(S.meta().order.length).toBe(per[0]);
    }
  });
  it("forwardAsync returns exactly forward's values", async () => {
    const S = new TimeFrequencyScattering(base);
    const x = { data: Float32Array.from(gaussianNoise(3 * 128, 2)), shape: [3, 128] };
    const a = await S.forwardAsync(x);
    const b = S.forward(x);
    expect(a.shape).toEqual(b.shape);
    expect(a.data).toEqual(b.data);
    await S.dispose();
  });
  it("meta rows map Kymatio's sorted meta onto forward's rows (format 'time')", () => {
    const S = new TimeFrequencyScattering(base);
    const m = S.meta();
    expect([...m.row].sort((a, b) => a - b)).toEqual(Array.from({ length: S.nPaths }, (_, i) => i));
    // first-order key (n1, n_fr): forward computes n_fr outer, n1 inner; meta sorts n1 outer
    const firstRows = m.row.filter((_, i) => m.order[i] === 1);
    expect(firstRows[0]).toBe(1);
    expect(firstRows[1]).not.toBe(2);
  });
});
