/**
 * i8x16.shuffle lane patterns of the scattering kernels (a, b the two operands; bytes 0..15
 * are a, 16..31 are b; a double is 8 bytes).
 * @internal
 */

/** (lane 0 of a, lane 0 of b) */
export const LO = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
/** (lane 1 of a, lane 1 of b) */
export const HI = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];
/** (lane 0 of a, lane 0 of a) */
export const L0 = [0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7];
/** (lane 1 of a, lane 1 of a) */
export const L1 = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
/** (lane 1 of a, lane 0 of a) */
export const SWAP = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
/** (lane 1 of a, lane 1 of b) */
export const IM_IM = HI;

/** Pushes the v128 (a, b) built from two f64 constants (splat, then replace lane 1). */
export function pairConst(f: import("@scatterkit/core").WasmBody, a: number, b: number): void {
  f.f64(a).op("f64x2.splat");
  f.f64(b).op("f64x2.replace_lane", 1);
}

/**
 * Pushes the sign (-1)^x of the i32 local x as an f64: 1 - 2 (x & 1) computed as
 * -(f64(x & 1) * 2) + 1.
 */
export function parity(f: import("@scatterkit/core").WasmBody, x: number): void {
  f.get(x).i32(1).op("i32.and").op("f64.convert_i32_s");
  f.f64(2).op("f64.mul").op("f64.neg");
  f.f64(1).op("f64.add");
}
