// CONTRACT.md "Sizes and warnings" (issue 10): refused where Kymatio 0.4 raises, computed with a
// warning (once per object, onWarning or console.warn) where it only warns, and a named
// MemoryLimitError stating the estimate and the limit, before anything large is allocated, for
// what cannot be held. Kymatio cases: test/fixtures/kymatio-warn (Kymatio 0.4.0.dev0 run from
// its public repository).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ParameterError } from "@scatterkit/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HarmonicScattering3D, MemoryLimitError, Scattering1D, Scattering2D } from "../src/index";

const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures/kymatio-warn/scattering1d.json"), "utf8"));

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return b.length === 0 && a.length === 0 ? 0 : num / den; // Kymatio gives an empty output for T > N
}

/** Runs f and checks that it throws a MemoryLimitError quickly (nothing large allocated). */
function refusedFast(f: () => unknown, param: RegExp): MemoryLimitError {
  const t0 = performance.now();
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - t0;
  expect(err).toBeInstanceOf(MemoryLimitError);
  expect(err).toBeInstanceOf(ParameterError);
  const e = err as MemoryLimitError;
  expect(e.message).toMatch(param);
  expect(e.message).toMatch(/estimated .* GiB/);
  expect(e.message).toMatch(/limit .* GiB/);
  expect(e.estimateBytes).toBeGreaterThan(e.limitBytes);
  expect(ms).toBeLessThan(2000);
  return e;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Scattering1D: where Kymatio warns, computed with a warning", () => {
  for (const c of fixture.cases) {
    const p = c.params;
    it(`J=${p.J}, shape=${p.shape}, T=${p.T}: equal to Kymatio, one warning through onWarning`, () => {
      const warnings: string[] = [];
      const S = new Scattering1D({
        J: p.J,
        shape: p.shape,
        T: p.T ?? undefined,
        onWarning: (m) => warnings.push(m),
      });
      const y = S.forward({ data: Float64Array.from(c.input.data), shape: c.input.shape });
      expect(y.shape).toEqual(c.output.shape);
      expect(relErr(y.data, c.output.data)).toBeLessThanOrEqual(1e-6);
      S.forward({ data: Float64Array.from(c.input.data), shape: c.input.shape });
      expect(warnings.length).toBe(1);
      expect(warnings[0]).toMatch(/border effects/);
    });
  }

  it("Scattering1D(J=8, shape=64, T=16) warns once through console.warn without onWarning", () => {
    const spy = vi.spyOn(console, "warn").mockImplementation(() => {});
    const S = new Scattering1D({ J: 8, shape: 64, T: 16 });
    S.forward({ data: new Float64Array(64).fill(1), shape: [64] });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0][0])).toMatch(/Scattering1D.*border effects/);
  });

  it("no warning where Kymatio gives none", () => {
    const warnings: string[] = [];
    new Scattering1D({ J: 6, shape: 1024, T: 16, Q: 8, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
  });

  for (const r of fixture.raises) {
    const p = r.params;
    it(`refused where Kymatio raises: J=${p.J}, shape=${p.shape}, T=${p.T}, Q=${p.Q}`, () => {
      expect(() => new Scattering1D({ J: p.J, shape: p.shape, T: p.T ?? undefined, Q: p.Q })).toThrow(
        ParameterError,
      );
    });
  }
});

describe("sizes that cannot be held: a named error before any large allocation", () => {
  it("Scattering1D shape 2^31, 1e300, and Q = [1, 100000]", () => {
    refusedFast(() => new Scattering1D({ J: 6, shape: 2 ** 31 }), /Invalid shape/);
    refusedFast(() => new Scattering1D({ J: 6, shape: 1e300 }), /Invalid shape/);
    refusedFast(() => new Scattering1D({ J: 6, shape: 4096, Q: [1, 100000] }), /Invalid Q/);
  });

  it("Scattering2D [100000, 100000]", () => {
    refusedFast(() => new Scattering2D({ J: 2, shape: [100000, 100000] }), /Invalid shape/);
  });

  it("HarmonicScattering3D [2048]^3 and [1024]^3", () => {
    refusedFast(() => new HarmonicScattering3D({ J: 2, shape: [2048, 2048, 2048] }), /Invalid shape/);
    refusedFast(() => new HarmonicScattering3D({ J: 2, shape: [1024, 1024, 1024] }), /Invalid shape/);
  });

  it("maxMemoryBytes lowers the limit for every transform; a bad value is a ParameterError", () => {
    const e = refusedFast(
      () => new Scattering1D({ J: 6, shape: 4096, maxMemoryBytes: 1e5 }),
      /maxMemoryBytes/,
    );
    expect(e.limitBytes).toBe(1e5);
    refusedFast(() => new Scattering2D({ J: 2, shape: [64, 64], maxMemoryBytes: 1e5 }), /maxMemoryBytes/);
    refusedFast(
      () => new HarmonicScattering3D({ J: 1, shape: [16, 16, 16], maxMemoryBytes: 1e5 }),
      /maxMemoryBytes/,
    );
    expect(() => new Scattering1D({ J: 6, shape: 4096, maxMemoryBytes: -1 })).toThrow(/maxMemoryBytes/);
    // generous limits change nothing
    const a = new Scattering2D({ J: 2, shape: [32, 32], maxMemoryBytes: 2 ** 30 });
    const b = new Scattering2D({ J: 2, shape: [32, 32] });
    const x = { data: Float64Array.from({ length: 1024 }, (_, i) => Math.sin(i)), shape: [32, 32] };
    expect(Array.from(a.forward(x).data)).toEqual(Array.from(b.forward(x).data));
  });
});
