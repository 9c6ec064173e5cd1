/**
 * The NPY format (numpy's `.npy`, versions 1.0, 2.0 and 3.0): the header that this package
 * writes (little-endian float32, C order, a header of fixed length whatever the row count, so
 * that it can be rewritten in place while rows are appended), and a header parser for NPY
 * inputs that checks every field against the file's size before anything is allocated.
 * @module
 */
import { FormatError } from "@scatterkit/core";

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Digits reserved for the row count in headers this package writes (counts up to 10^16 - 1). */
const ROW_DIGITS = 16;

function dictText(descr: string, shape: readonly number[]): string {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(", ");
  return `{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`;
}

/**
 * The NPY 1.0 header (magic, version, length, dictionary, padding, newline) of a C-order
 * little-endian float32 array of shape `[rows, ...rowShape]`. Its length depends on `rowShape`
 * only (a multiple of 64, with room for a 16-digit row count), so a file's header can be
 * rewritten in place as rows are appended, and two files of the same shape are byte-identical
 * whenever their rows are.
 */
export function npyHeader(rows: number, rowShape: readonly number[]): Uint8Array {
  if (!Number.isSafeInteger(rows) || rows < 0 || rows >= 10 ** ROW_DIGITS) {
    throw new FormatError(`NPY row count ${rows} is out of range (0 .. 10^${ROW_DIGITS} - 1).`);
  }
  const widest = dictText("<f4", [10 ** ROW_DIGITS - 1, ...rowShape]);
  const total = Math.ceil((10 + widest.length + 1) / 64) * 64;
  const text = dictText("<f4", [rows, ...rowShape]);
  const bytes = new Uint8Array(total).fill(0x20);
  bytes.set(MAGIC, 0);
  bytes[6] = 1;
  bytes[7] = 0;
  const hlen = total - 10;
  if (hlen > 0xffff) throw new FormatError(`NPY header of ${hlen} bytes does not fit NPY 1.0.`);
  bytes[8] = hlen & 0xff;
  bytes[9] = hlen >> 8;
  for (let i = 0; i < text.length; i++) bytes[10 + i] = text.charCodeAt(i);
  bytes[total - 1] = 0x0a;
  return bytes;
}

/** The element types NPY inputs may hold. */
export type NpyDtype = "f4" | "f8" | "u1" | "i1" | "u2" | "i2" | "u4" | "i4";

/** A parsed NPY header. */
export interface NpyInfo {
  /** Element type without byte order. */
  dtype: NpyDtype;
  /** True for big-endian data. */
  bigEndian: boolean;
  /** Bytes per element. */
  itemSize: number;
  /** The array's shape (C order). */
  shape: number[];
  /** Byte offset of the data. */
  dataOffset: number;
}

const SIZES: Record<NpyDtype, number> = { f4: 4, f8: 8, u1: 1, i1: 1, u2: 2, i2: 2, u4: 4, i4: 4 };

/** The most header bytes an NPY input may declare (numpy's own limit is 10,000 by default). */
export const MAX_NPY_HEADER = 1 << 16;

/**
 * Parses the header of an NPY file: `head` holds the file's first bytes (at least the whole
 * header; `fileSize` is the size of the whole file). Accepts versions 1.0, 2.0 and 3.0, C order,
 * dtypes float32/64 and (u)int8/16/32 in either byte order; checks that the data the shape
 * declares is in the file (so a huge shape is refused before anything is allocated).
 * @throws FormatError naming what is wrong
 */
export function parseNpyHeader(head: Uint8Array, fileSize: number): NpyInfo {
  if (fileSize < 10 || head.length < 10)
    throw new FormatError(`NPY file is truncated: ${fileSize} bytes, the fixed header alone is 10.`);
  for (let i = 0; i < 6; i++) {
    if (head[i] !== MAGIC[i]) throw new FormatError('Not an NPY file: it does not start with "\\x93NUMPY".');
  }
  const major = head[6];
  let hlen: number;
  let start: number;
  if (major === 1) {
    hlen = head[8] | (head[9] << 8);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (head.length < 12) throw new FormatError("NPY file is truncated inside its header.");
    hlen = (head[8] | (head[9] << 8) | (head[10] << 16)) + head[11] * 2 ** 24;
    start = 12;
  } else {
    throw new FormatError(
      `NPY format version ${major}.${head[7]} is not supported; expected 1.0, 2.0 or 3.0.`,
    );
  }
  if (hlen > MAX_NPY_HEADER)
    throw new FormatError(`NPY header declares ${hlen} bytes; at most ${MAX_NPY_HEADER} are accepted.`);
  if (start + hlen > fileSize || start + hlen > head.length) {
    throw new FormatError(
      `NPY file is truncated: its header declares ${hlen} bytes, the file holds ${fileSize - start}.`,
    );
  }
  const text = new TextDecoder("utf-8").decode(head.subarray(start, start + hlen));
  const descr = /['"]descr['"]\s*:\s*['"]([<>|=])([a-zA-Z])(\d+)['"]/.exec(text);
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text);
  const shapeM = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shapeM) {
    throw new FormatError(
      `NPY header is not a dictionary with 'descr', 'fortran_order' and 'shape': ${JSON.stringify(text.slice(0, 120))}.`,
    );
  }
  const kind = `${descr[2]}${descr[3]}`;
  if (!(kind in SIZES)) {
    throw new FormatError(
      `NPY dtype '${descr[1]}${kind}' is not supported; expected float32/64 or (u)int8/16/32.`,
    );
  }
  const dtype = kind as NpyDtype;
  if (fortran[1] === "True")
    throw new FormatError("NPY array is in Fortran order; expected C order (numpy.ascontiguousarray).");
  const parts = shapeM[1]
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const shape: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,15}$/.test(p))
      throw new FormatError(`NPY shape entry ${JSON.stringify(p)} is not a non-negative integer.`);
    shape.push(Number(p));
  }
  const itemSize = SIZES[dtype];
  const dataOffset = start + hlen;
  let count = 1;
  for (const d of shape) {
    count *= d;
    if (count * itemSize > fileSize) break; // stays a safe integer: both factors are bounded
  }
  const need = count * itemSize;
  if (need > fileSize - dataOffset) {
    throw new FormatError(
      `NPY file is truncated: shape (${shape.join(", ")}) of ${dtype} needs ${need} data bytes, the file holds ${fileSize - dataOffset}.`,
    );
  }
  const bigEndian = descr[1] === ">" && itemSize > 1;
  return { dtype, bigEndian, itemSize, shape, dataOffset };
}

/**
 * Converts `count` elements of NPY data (`bytes`, starting at `offset`) to float32 values in
 * `out`: floats as stored (float64 rounded to float32), integers as their values.
 */
export function npyToFloat32(
  info: NpyInfo,
  bytes: Uint8Array,
  offset: number,
  count: number,
  out: Float32Array,
): void {
  const v = new DataView(bytes.buffer, bytes.byteOffset + offset, count * info.itemSize);
  const le = !info.bigEndian;
  const s = info.itemSize;
  switch (info.dtype) {
    case "f4":
      for (let i = 0; i < count; i++) out[i] = v.getFloat32(i * s, le);
      break;
    case "f8":
      for (let i = 0; i < count; i++) out[i] = v.getFloat64(i * s, le);
      break;
    case "u1":
      for (let i = 0; i < count; i++) out[i] = v.getUint8(i);
      break;
    case "i1":
      for (let i = 0; i < count; i++) out[i] = v.getInt8(i);
      break;
    case "u2":
      for (let i = 0; i < count; i++) out[i] = v.getUint16(i * s, le);
      break;
    case "i2":
      for (let i = 0; i < count; i++) out[i] = v.getInt16(i * s, le);
      break;
    case "u4":
      for (let i = 0; i < count; i++) out[i] = v.getUint32(i * s, le);
      break;
    case "i4":
      for (let i = 0; i < count; i++) out[i] = v.getInt32(i * s, le);
      break;
  }
}
