/**
 * The one option checker of scatterkit: every public function or constructor that
 * takes an options object validates it here, so that the messages agree.
 */
import { ParameterError } from "./errors";

/** How {@link checkOptions} treats a missing options object and what it says is allowed. */
export interface CheckOptionsSettings {
  /** When true, `undefined` is refused too (default false: `undefined` reads as `{}`). */
  required?: boolean;
  /** What the error message says is allowed (default "an options object"). */
  expected?: string;
}

/**
 * Validates an options argument: a plain object (not null, not an array) is returned
 * as is; `undefined` gives `{}` unless `required`; anything else throws a
 * {@link ParameterError} naming `name`, the value given and `expected`.
 */
export function checkOptions<T extends object = Record<string, unknown>>(
  name: string,
  value: unknown,
  { required = false, expected = "an options object" }: CheckOptionsSettings = {},
): Partial<T> {
  if (value === undefined && !required) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ParameterError(name, value, expected);
  }
  return value as Partial<T>;
}

/**
 * Returns `value` when it is one of `allowed` (compared with ===); otherwise throws a
 * {@link ParameterError} listing the allowed values (e.g. `"auto", "full" or "randomized"`).
 */
export function checkOneOf<const T extends string | number | boolean>(
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  throw new ParameterError(name, value, listOf(allowed));
}

/** `a`, `a or b`, `a, b or c` with strings quoted: the "allowed" text of {@link checkOneOf}. */
export function listOf(values: readonly (string | number | boolean)[]): string {
  const items = values.map((v) => (typeof v === "string" ? JSON.stringify(v) : String(v)));
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
