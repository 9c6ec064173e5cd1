/**
 * The error classes of every scatterkit package (one hierarchy: every error a
 * scatterkit function throws is a {@link ScatterkitError}).
 */

/** Base class of every error thrown by scatterkit packages. */
export class ScatterkitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Thrown when a parameter or an input has a wrong value. The message names the
 * parameter, the value given and what is allowed.
 */
export class ParameterError extends ScatterkitError {
  /** Name of the offending parameter. */
  readonly parameter: string;
  constructor(parameter: string, given: unknown, allowed: string) {
    super(`Invalid ${parameter}: got ${describe(given)}; expected ${allowed}.`);
    this.parameter = parameter;
  }
}

/** Thrown when an input's shape does not fit what the object was built for. */
export class ShapeError extends ParameterError {}

/** Thrown when a method needs state that does not exist yet (e.g. predict before fit). */
export class NotFittedError extends ScatterkitError {}

/** Thrown when a file (IDX, WAV, ...) is truncated, malformed or of an unsupported kind. */
export class FormatError extends ScatterkitError {}

/** Short printable description of any value, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    const inner = value.slice(0, 8).map(describe).join(", ");
    return `[${inner}${value.length > 8 ? ", ..." : ""}]`;
  }
  if (ArrayBuffer.isView(value)) {
    return `${value.constructor.name}(length ${(value as unknown as { length: number }).length})`;
  }
  if (typeof value === "object") {
    const ctor = (value as object).constructor?.name;
    return ctor && ctor !== "Object" ? `a ${ctor}` : "an object";
  }
  return typeof value;
}
