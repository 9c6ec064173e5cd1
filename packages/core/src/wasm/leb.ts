/**
 * LEB128 integer encodings used throughout the WebAssembly binary format.
 * @internal
 */

/** Appends the unsigned LEB128 encoding of a non-negative integer below 2^32 to `out`. @internal */
export function pushUleb(out: number[], n: number): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

/** Appends the signed LEB128 encoding of a 32-bit integer to `out`. @internal */
export function pushSleb(out: number[], n: number): void {
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

/** Unsigned LEB128 encoding of a non-negative integer below 2^32. @internal */
export function uleb(n: number): number[] {
  const out: number[] = [];
  pushUleb(out, n);
  return out;
}

/** Signed LEB128 encoding of a 32-bit integer. @internal */
export function sleb(n: number): number[] {
  const out: number[] = [];
  pushSleb(out, n);
  return out;
}

/** Reads an unsigned LEB128 integer at `bytes[at]`; returns [value, next position]. @internal */
export function readUleb(bytes: Uint8Array, at: number): [number, number] {
  let v = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    v += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [v, at];
  }
}

/** Reads a signed LEB128 integer (at most 32 bits) at `bytes[at]`; returns [value, next position]. @internal */
export function readSleb(bytes: Uint8Array, at: number): [number, number] {
  let v = 0;
  let shift = 0;
  let b: number;
  do {
    b = bytes[at++];
    v |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  if (shift < 32 && b & 0x40) v |= -1 << shift;
  return [v, at];
}
