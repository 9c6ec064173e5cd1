import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { maxRelErr } from "@scatterkit/vitest-config/numeric";
import { TimeFrequencyScattering } from "../src/jtfs/jtfs";

type Arr = { shape: number[]; data: (number | null)[] };
interface Case {
  params: {
    J: number;
    Jfr: number;
    Q: number | [number, number];
    shape: number;
    T: number | "global" | null;
    stride: number | null;
    Qfr: number | null;
    F: number | "global" | null;
    strideFr: number | null;
    format: "time" | "joint";
  };
  input: Arr;
  output: Arr;
  meta: Record<string, unknown> & {
    order: number[];
    n: unknown[];
    nFr: (number | null)[];
    j: Arr;
    xi: Arr;
    sigma: Arr;
    jFr: Arr;
    xiFr: Arr;
    sigmaFr: Arr;
    spin: Arr;
    nPaddedFr: number;
    padLeft: number;
    padRight: number;
    F: number;
    averageFr: string;
    log2StrideFr: number;
  };
}

// Four small cases are committed under fixtures/jtfs; the fifth (J=8, Jfr=3, joint: 5 MB) is read in
// place from ../shared/reference/kymatio-jtfs, which every developer and CI run has beside the project.
const dir = join(__dirname, "fixtures/jtfs");
const sharedDir = join(__dirname, "../../../../shared/reference/kymatio-jtfs");
const isCase = (f: string) => f.startsWith("jtfs_") && f.endsWith(".json");
const committed = readdirSync(dir).filter(isCase);
const shared = existsSync(sharedDir)
  ? readdirSync(sharedDir).filter((f) => isCase(f) && !committed.includes(f))
  : [];
const files = [...committed, ...shared];
const pathOf = (f: string) => (committed.includes(f) ? join(dir, f) : join(sharedDir, f));

function build(c: Case): TimeFrequencyScattering {
  const p = c.params;
  return new TimeFrequencyScattering({
    J: p.J,
    Jfr: p.Jfr,
    Q: p.Q,
    shape: p.shape,
    T: p.T ?? undefined,
    stride: p.stride ?? undefined,
    Qfr: p.Qfr ?? undefined,
    F: p.F ?? undefined,
    strideFr: p.strideFr ?? undefined,
    format: p.format,
  });
}

/** Kymatio's [P, 2] NaN-padded meta arrays as rows of number | null. */
const rows2 = (a: Arr) => Array.from({ length: a.shape[0] }, (_, i) => [a.data[2 * i], a.data[2 * i + 1]]);

/** Same nulls, numbers equal to 1e-13 relative (Kymatio's ξ differ from ours in the last bit). */
function expectClose(got: (number | null)[], want: (number | null)[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    const w = want[i];
    if (w === null || g === null) expect(g).toBe(w);
    else expect(Math.abs(g - w)).toBeLessThanOrEqual(1e-13 * Math.abs(w));
  });
}

describe("TimeFrequencyScattering equals Kymatio 0.4 on ../shared/reference/kymatio-jtfs", () => {
  it("has the five public cases (four without ../shared beside the project)", () =>
    expect(files.length).toBe(existsSync(sharedDir) ? 5 : 4));
  for (const file of files) {
    const c = JSON.parse(readFileSync(pathOf(file), "utf8")) as Case;
    it(`${file}: shape, meta and float64 values (rel. error <= 1e-6)`, () => {
      const S = build(c);
      expect(S.nPaddedFr).toBe(c.meta.nPaddedFr);
      expect(S.padding.padLeft).toBe(c.meta.padLeft);
      expect(S.padding.padRight).toBe(c.meta.padRight);
      expect(S.F).toBe(c.meta.F);
      expect(S.averageFr).toBe(c.meta.averageFr);
      expect(S.log2StrideFr).toBe(c.meta.log2StrideFr);
      const m = S.meta();
      expect(m.order).toEqual(c.meta.order);
      expect(m.nFr).toEqual(c.meta.nFr);
      expect(m.n).toEqual(c.meta.n);
      expect(m.j).toEqual(rows2(c.meta.j));
      expectClose(m.xi.flat(), rows2(c.meta.xi).flat());
      expectClose(m.sigma.flat(), rows2(c.meta.sigma).flat());
      expect(m.jFr).toEqual(c.meta.jFr.data);
      expectClose(m.xiFr, c.meta.xiFr.data);
      expectClose(m.sigmaFr, c.meta.sigmaFr.data);
      expect(m.spin.map((v) => (v === null ? null : v + 0))).toEqual(
        c.meta.spin.data.map((v) => (v === null ? null : v + 0)),
      );
      const x = { data: Float64Array.from(c.input.data as number[]), shape: c.input.shape };
      const copy = Float64Array.from(x.data);
      const y = S.forward(x);
      expect(y.shape).toEqual(c.output.shape);
      expect(y.data).toBeInstanceOf(Float64Array);
      expect(maxRelErr(y.data, c.output.data)).toBeLessThan(1e-6);
      expect(x.data).toEqual(copy);
    });
    it(`${file}: float32 input gives float32 output within 1e-4`, () => {
      const S = build(c);
      const y = S.forward({ data: Float32Array.from(c.input.data as number[]), shape: c.input.shape });
      expect(y.data).toBeInstanceOf(Float32Array);
      expect(y.shape).toEqual(c.output.shape);
      expect(maxRelErr(y.data, c.output.data)).toBeLessThan(1e-4);
    });
  }
});
