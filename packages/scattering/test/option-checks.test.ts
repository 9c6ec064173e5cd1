import { ParameterError } from "@scatterkit/core";
import { describe, expect, it } from "vitest";
import {
  HarmonicScattering3D,
  Scattering1D,
  Scattering2D,
  TimeFrequencyScattering,
  reconstruct,
} from "../src/index";

/** The ParameterError thrown by f, or a failure when f does not throw one. */
function errorOf(f: () => unknown): ParameterError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterError);
    return e as ParameterError;
  }
  throw new Error("expected a ParameterError");
}

const quiet = { onWarning: () => {} };

describe("the frontends check their options with @scatterkit/core's checkers", () => {
  it("an options argument that is not a plain object names 'options' and lists the options", () => {
    const makers: [string, (o: unknown) => unknown][] = [
      ["{ J, shape, Q?, T?, stride?, maxOrder? }", (o) => new Scattering1D(o as never)],
      ["{ J, shape: [M, N], L?, maxOrder? }", (o) => new Scattering2D(o as never)],
      ["{ J, shape: [M, N, O], L?", (o) => new HarmonicScattering3D(o as never)],
      ["{ J, Jfr, Q, shape, T?", (o) => new TimeFrequencyScattering(o as never)],
    ];
    for (const [listed, make] of makers) {
      for (const bad of [null, undefined, 3, "J=2", [2, 64]]) {
        const e = errorOf(() => make(bad));
        expect(e.message).toMatch(/^Invalid options: got /);
        expect(e.message).toContain(`expected an object ${listed}`);
      }
    }
  });

  it("maxOrder, shape, booleans and format give core's messages (checkOneOf, checkShape, checkBoolean)", () => {
    expect(errorOf(() => new Scattering1D({ J: 3, shape: 64, maxOrder: 3 as 2, ...quiet })).message).toBe(
      "Invalid maxOrder: got 3; expected 1 or 2.",
    );
    expect(errorOf(() => new Scattering2D({ J: 2, shape: [32, 32], maxOrder: 0 as 1 })).message).toBe(
      "Invalid maxOrder: got 0; expected 1 or 2.",
    );
    expect(errorOf(() => new Scattering2D({ J: 2, shape: [32] as never })).message).toBe(
      "Invalid shape: got [32]; expected an array [M, N] of two positive integers.",
    );
    expect(errorOf(() => new Scattering2D({ J: 2, shape: [32, 3.5] })).message).toBe(
      "Invalid shape[1]: got 3.5; expected an integer >= 1.",
    );
    expect(errorOf(() => new HarmonicScattering3D({ J: 1, shape: [8, 8] as never })).message).toBe(
      "Invalid shape: got [8, 8]; expected an array [M, N, O] of three positive integers.",
    );
    expect(errorOf(() => new HarmonicScattering3D({ J: 1, shape: [8, 8, 0] })).message).toBe(
      "Invalid shape[2]: got 0; expected an integer >= 1.",
    );
    expect(
      errorOf(() => new HarmonicScattering3D({ J: 1, shape: [8, 8, 8], maxOrder: 5 as 1 })).message,
    ).toBe("Invalid maxOrder: got 5; expected 1 or 2.");
    for (const name of ["rotationCovariant", "pairSymmetry"]) {
      expect(errorOf(() => new HarmonicScattering3D({ J: 1, shape: [8, 8, 8], [name]: "no" })).message).toBe(
        `Invalid ${name}: got "no"; expected a boolean.`,
      );
    }
    const jt = { J: 3, Jfr: 1, Q: 2, shape: 64, ...quiet };
    expect(errorOf(() => new TimeFrequencyScattering({ ...jt, format: "frequency" as "time" })).message).toBe(
      'Invalid format: got "frequency"; expected "time" or "joint".',
    );
    // the defaults and valid values are accepted
    expect(new TimeFrequencyScattering({ ...jt, format: "joint" }).format).toBe("joint");
    expect(new HarmonicScattering3D({ J: 1, shape: [8, 8, 8], pairSymmetry: false }).nPaths).toBeGreaterThan(
      0,
    );
  });

  it("reconstruct checks its options object, method and seed", () => {
    const S = new Scattering1D({ J: 3, shape: 64, Q: 2 });
    const target = S.forward({ data: Float64Array.from({ length: 64 }, (_, t) => Math.sin(t)), shape: [64] });
    expect(errorOf(() => reconstruct(S, target, null as never)).message).toBe(
      "Invalid options: got null; expected an options object.",
    );
    expect(errorOf(() => reconstruct(S, target, { shape: [64], method: "adam" as "gd" })).message).toBe(
      'Invalid method: got "adam"; expected "lbfgs" or "gd".',
    );
    expect(errorOf(() => reconstruct(S, target, { shape: [64], seed: 0.5 })).message).toMatch(
      /^Invalid seed: got 0.5/,
    );
  });
});
