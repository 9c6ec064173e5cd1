import { describe, expect, it } from "vitest";
import {
  ParameterError,
  checkBoolean,
  checkOneOf,
  checkOptions,
  checkShape,
  copyLike,
  listOf,
} from "../src/index";

describe("checkOptions", () => {
  it("returns a plain object as is and reads undefined as {}", () => {
    const o = { a: 1 };
    expect(checkOptions("options", o)).toBe(o);
    expect(checkOptions("options", undefined)).toEqual({});
  });
  it("refuses null, arrays, numbers and strings, naming the parameter and the value", () => {
    expect(() => checkOptions("options", null)).toThrow(
      "Invalid options: got null; expected an options object.",
    );
    expect(() => checkOptions("options", [1])).toThrow(ParameterError);
    expect(() => checkOptions("opts", 3)).toThrow("Invalid opts: got 3; expected an options object.");
    expect(() => checkOptions("opts", "x")).toThrow(/got "x"/);
  });
  it("required: undefined is refused too, with the given description", () => {
    expect(() =>
      checkOptions("opts", undefined, { required: true, expected: "an options object { N, K }" }),
    ).toThrow("Invalid opts: got undefined; expected an options object { N, K }.");
  });
});

describe("checkOneOf and listOf", () => {
  it("accepts an allowed value and lists the allowed ones otherwise", () => {
    expect(checkOneOf("svdSolver", "full", ["auto", "full", "randomized"] as const)).toBe("full");
    expect(() => checkOneOf("svdSolver", "svd", ["auto", "full", "randomized"])).toThrow(
      'Invalid svdSolver: got "svd"; expected "auto", "full" or "randomized".',
    );
    expect(() => checkOneOf("maxOrder", 3, [1, 2])).toThrow("Invalid maxOrder: got 3; expected 1 or 2.");
    expect(listOf(["a"])).toBe('"a"');
    expect(listOf([])).toBe("");
  });
});

describe("copyLike", () => {
  it("copies into the float type of its first argument", () => {
    const a = copyLike(new Float32Array(1), [0.1, 2]);
    expect(a).toBeInstanceOf(Float32Array);
    expect(Array.from(a)).toEqual([Math.fround(0.1), 2]);
    const b = copyLike(new Float64Array(1), Float32Array.of(0.5));
    expect(b).toBeInstanceOf(Float64Array);
    expect(Array.from(b)).toEqual([0.5]);
  });
});

describe("checkShape", () => {
  it("returns a valid shape and names the parameter or the entry otherwise", () => {
    expect(checkShape("shape", [8, 6], 2)).toEqual([8, 6]);
    expect(checkShape("shape", [0, 3, 1], 3, 0)).toEqual([0, 3, 1]);
    expect(() => checkShape("shape", [16], 2)).toThrow(
      "Invalid shape: got [16]; expected an array [M, N] of two positive integers.",
    );
    expect(() => checkShape("shape", 8, 3)).toThrow(
      "Invalid shape: got 8; expected an array [M, N, O] of three positive integers.",
    );
    expect(() => checkShape("size", [1, 2], 1)).toThrow("expected an array [N] of one positive integer.");
    expect(() => checkShape("shape", [8, 1.5], 2)).toThrow(
      "Invalid shape[1]: got 1.5; expected an integer >= 1.",
    );
    expect(() => checkShape("shape", [4, 4, 4], 4, 0)).toThrow(/an array of length 4 of four integers >= 0/);
  });
});

describe("checkBoolean", () => {
  it("passes booleans, applies the fallback to undefined only, refuses the rest", () => {
    expect(checkBoolean("analytic", false, true)).toBe(false);
    expect(checkBoolean("analytic", undefined, true)).toBe(true);
    expect(() => checkBoolean("analytic", undefined)).toThrow(
      "Invalid analytic: got undefined; expected a boolean.",
    );
    expect(() => checkBoolean("analytic", 1, true)).toThrow("Invalid analytic: got 1; expected a boolean.");
    expect(() => checkBoolean("analytic", "yes")).toThrow(ParameterError);
  });
});
