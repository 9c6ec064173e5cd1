import * as scattering from "@scatterkit/scattering";
import { describe, expect, it } from "vitest";
import { UsageError, parseArgs } from "../src/args";
import { scatter1d } from "../src/compute.mjs";
import { jsonResult } from "../src/main";
import type { DemoResult } from "../src/pipeline";

describe("--transform jtfs", () => {
  it("parses for fsdd and is refused elsewhere", () => {
    expect(parseArgs(["--dataset", "fsdd", "--data-dir", "d", "--transform", "jtfs"]).transform).toBe("jtfs");
    expect(parseArgs(["--dataset", "fsdd", "--data-dir", "d"]).transform).toBeUndefined();
    expect(() => parseArgs(["--transform", "jtfs"])).toThrow(UsageError);
    expect(() => parseArgs(["--dataset", "fsdd", "--data-dir", "d", "--transform", "wavelets"])).toThrow(
      /--transform/,
    );
  });
  it("features: mean over time of log(|JTFS| + 1e-6) for every first- and second-order path", () => {
    const T = 256;
    const signals = Float64Array.from(
      { length: 2 * T },
      (_, i) => Math.cos(0.01 * i * (i % T)) * Math.exp(-((((i % T) - 128) / 60) ** 2)),
    );
    const r = scatter1d(scattering, {
      signals,
      count: 2,
      T,
      J: 4,
      Q: 4,
      features: "log",
      transform: "jtfs",
      Jfr: 1,
    });
    const S = new scattering.TimeFrequencyScattering({ J: 4, Jfr: 1, Q: 4, shape: T });
    const y = S.forward({ data: signals.subarray(T, 2 * T), shape: [T] });
    const [P, nt] = y.shape;
    expect(r.dim).toBe(P - 1); // all rows but order 0 (row 0)
    for (const p of [1, 7, P - 1]) {
      let s = 0;
      for (let t = 0; t < nt; t++) s += Math.log(Math.abs(y.data[p * nt + t]) + 1e-6);
      expect(r.features[r.dim + p - 1]).toBeCloseTo(s / nt, 4);
    }
  });
  it("with withScattering1D the Scattering1D features come first, then the JTFS ones", () => {
    const T = 256;
    const signals = Float64Array.from(
      { length: 3 * T },
      (_, i) => Math.sin(0.002 * i * (i % T)) + 0.01 * ((i * 7919) % 13),
    );
    const base = { signals, count: 3, T, features: "log" as const };
    const both = scatter1d(scattering, {
      ...base,
      J: 4,
      Q: 4,
      transform: "jtfs",
      Jfr: 1,
      withScattering1D: { J: 5, Q: 6 },
    });
    const s1 = scatter1d(scattering, { ...base, J: 5, Q: 6 });
    const jt = scatter1d(scattering, { ...base, J: 4, Q: 4, transform: "jtfs", Jfr: 1 });
    expect(both.dim).toBe(s1.dim + jt.dim);
    for (let i = 0; i < 3; i++) {
      expect(Array.from(both.features.subarray(i * both.dim, i * both.dim + s1.dim))).toEqual(
        Array.from(s1.features.subarray(i * s1.dim, (i + 1) * s1.dim)),
      );
      expect(Array.from(both.features.subarray(i * both.dim + s1.dim, (i + 1) * both.dim))).toEqual(
        Array.from(jt.features.subarray(i * jt.dim, (i + 1) * jt.dim)),
      );
    }
  });
  it("--json records the transform of an FSDD run (contract key 'transform')", () => {
    const r = { dataset: "fsdd", train: 2700, test: 300, accuracy: 0.99, featureSeconds: 1, trainSeconds: 1 };
    const base = { ...r, classifier: "logistic", params: {} } as unknown as DemoResult;
    expect(jsonResult(base, "jtfs")).toMatchObject({ transform: "jtfs", model: null });
    expect(jsonResult(base)).toMatchObject({ transform: "scattering1d" });
    expect(jsonResult({ ...base, dataset: "mnist" } as DemoResult, "jtfs").transform).toBeNull();
  });
});
