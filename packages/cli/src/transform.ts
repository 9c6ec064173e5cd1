/**
 * The transforms the command runs and their parameters: which options each takes, their
 * defaults, and building the @scatterkit/scattering object for a run's input shape.
 * @module
 */
import { ParameterError, ShapeError } from "@scatterkit/core";
import {
  Scattering1D,
  Scattering2D,
  type ScatteringTransform,
  TimeFrequencyScattering,
} from "@scatterkit/scattering";
import type { InputDomain } from "./inputs";

/** Transform names of `--transform`. */
export const TRANSFORMS = ["scattering1d", "scattering2d", "jtfs"] as const;
/** A transform name of `--transform`. */
export type TransformName = (typeof TRANSFORMS)[number];

/** Transform parameters as given on the command line (after defaults). */
export type TransformParams = Record<string, number | string>;

/** Options each transform takes (command-line name -> constructor option) and their defaults. */
export const TRANSFORM_OPTIONS: Record<
  TransformName,
  { options: Record<string, string>; defaults: TransformParams }
> = {
  scattering1d: {
    options: { J: "J", Q: "Q", T: "T", stride: "stride", "max-order": "maxOrder" },
    defaults: { J: 6, Q: 8 },
  },
  scattering2d: {
    options: { J: "J", L: "L", "max-order": "maxOrder" },
    defaults: { J: 2, L: 8 },
  },
  jtfs: {
    options: {
      J: "J",
      Q: "Q",
      Jfr: "Jfr",
      Qfr: "Qfr",
      T: "T",
      F: "F",
      stride: "stride",
      "stride-fr": "strideFr",
      format: "format",
    },
    defaults: { J: 6, Q: 8, Jfr: 2 },
  },
};

/** Audio for the 1-D transforms, images for Scattering2D. */
export function domainOf(name: TransformName): InputDomain {
  return name === "scattering2d" ? "image" : "audio";
}

/**
 * Builds the transform for rows of shape `inputShape` ([channels, N] for audio, [H, W] or
 * [C, H, W] for images) and returns it with the shape of one output row.
 * @throws ParameterError / ShapeError from the transform's own checks (J too large, ...)
 */
export function buildTransform(
  name: TransformName,
  params: TransformParams,
  inputShape: readonly number[],
): { transform: ScatteringTransform; rowShape: number[] } {
  const opts: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(TRANSFORM_OPTIONS[name].options)) {
    if (params[flag] !== undefined) opts[key] = params[flag];
  }
  let transform: ScatteringTransform;
  if (name === "scattering2d") {
    if (inputShape.length !== 2 && inputShape.length !== 3)
      throw new ShapeError("input shape", inputShape, "[H, W] or [C, H, W] images");
    const hw = inputShape.slice(-2) as [number, number];
    transform = new Scattering2D({ ...(opts as object), J: opts.J as number, shape: hw });
  } else {
    if (inputShape.length < 1) throw new ShapeError("input shape", inputShape, "[channels, N] signals");
    const n = inputShape[inputShape.length - 1];
    if (name === "scattering1d")
      transform = new Scattering1D({ ...(opts as object), J: opts.J as number, shape: n });
    else
      transform = new TimeFrequencyScattering({
        ...(opts as object),
        J: opts.J as number,
        Jfr: opts.Jfr as number,
        Q: opts.Q as number,
        shape: n,
      });
  }
  return { transform, rowShape: transform.outputShapeFor(inputShape) };
}

/**
 * Reads a transform option's value from its command-line text: a number, or for `T` and `F`
 * the word `global`, for `format` `time` or `joint`.
 * @throws ParameterError naming the option, the value and what is allowed
 */
export function parseTransformValue(flag: string, text: string): number | string {
  if ((flag === "T" || flag === "F") && text === "global") return text;
  if (flag === "format") {
    if (text !== "time" && text !== "joint") throw new ParameterError("--format", text, '"time" or "joint"');
    return text;
  }
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) {
    throw new ParameterError(
      `--${flag}`,
      text,
      flag === "T" || flag === "F" ? 'a number or "global"' : "a number",
    );
  }
  return v;
}
