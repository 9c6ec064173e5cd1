/**
 * numpy's 'reflect' index map (the padding of Scattering2D).
 * @internal
 */

/** numpy's 'reflect' index map (edge not repeated), for any integer i and n >= 1. */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let r = i % period;
  if (r < 0) r += period;
  return r < n ? r : period - r;
}
