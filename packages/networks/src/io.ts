/**
 * Exact array storage for model files (little-endian bytes in base64) and the Node-only
 * file access of checkpoints, loaded lazily so that browser bundles never see `node:fs`.
 * @internal
 */
import { FormatError, type FloatArray } from "@scatterkit/core";
import type { StoredArray } from "./api.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Base64 of bytes (standard alphabet, padded). */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const t = (a << 16) | (b << 8) | c;
    chunk +=
      ALPHABET[(t >> 18) & 63] +
      ALPHABET[(t >> 12) & 63] +
      (i + 1 < bytes.length ? ALPHABET[(t >> 6) & 63] : "=") +
      (i + 2 < bytes.length ? ALPHABET[t & 63] : "=");
    if (chunk.length > 8192) {
      parts.push(chunk);
      chunk = "";
    }
  }
  parts.push(chunk);
  return parts.join("");
}

/** Bytes of a base64 string; FormatError on a character outside the alphabet. */
export function base64ToBytes(s: string): Uint8Array {
  if (typeof s !== "string" || s.length % 4 !== 0)
    throw new FormatError("Model file: a base64 array is malformed.");
  let pad = 0;
  if (s.endsWith("==")) pad = 2;
  else if (s.endsWith("=")) pad = 1;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let t = 0;
    for (let j = 0; j < 4; j++) {
      const ch = s.charCodeAt(i + j);
      const v = ch === 61 ? 0 : ch < 128 ? LOOKUP[ch] : -1;
      if (v < 0) throw new FormatError("Model file: a base64 array holds a character outside the alphabet.");
      t = (t << 6) | v;
    }
    if (o < out.length) out[o++] = (t >> 16) & 255;
    if (o < out.length) out[o++] = (t >> 8) & 255;
    if (o < out.length) out[o++] = t & 255;
  }
  return out;
}

/** Stores an array exactly (float32 or float64 bytes, little-endian). */
export function storeArray(a: FloatArray, shape: number[]): StoredArray {
  const dtype = a instanceof Float64Array ? "float64" : "float32";
  let bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (!LITTLE) {
    const w = a.BYTES_PER_ELEMENT;
    const c = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i += w) for (let j = 0; j < w; j++) c[i + j] = bytes[i + w - 1 - j];
    bytes = c;
  }
  return { shape: [...shape], dtype, base64: bytesToBase64(bytes) };
}

/** Restores a stored array into `target` (same length); FormatError when it does not fit. */
export function restoreArray(s: StoredArray | undefined, target: FloatArray, name: string): void {
  if (!s || typeof s !== "object" || (s.dtype !== "float32" && s.dtype !== "float64")) {
    throw new FormatError(`Model file: array ${JSON.stringify(name)} is missing or malformed.`);
  }
  const bytes = base64ToBytes(s.base64);
  const w = s.dtype === "float64" ? 8 : 4;
  if (bytes.length !== target.length * w) {
    throw new FormatError(
      `Model file: array ${JSON.stringify(name)} holds ${bytes.length / w} values; the model needs ${target.length}.`,
    );
  }
  if (!LITTLE) {
    for (let i = 0; i < bytes.length; i += w) bytes.subarray(i, i + w).reverse();
  }
  const src = w === 8 ? new Float64Array(bytes.buffer) : new Float32Array(bytes.buffer);
  for (let i = 0; i < target.length; i++) target[i] = src[i];
}

type NodeFs = {
  existsSync(p: string): boolean;
  readFileSync(p: string, enc: "utf8"): string;
  readFileSync(p: string): Uint8Array;
  writeFileSync(p: string, data: string | Uint8Array): void;
  renameSync(a: string, b: string): void;
  mkdirSync(p: string, o: { recursive: true }): void;
};
type NodePath = { dirname(p: string): string };

/** node:fs and node:path, or null outside Node (the specifier is hidden from bundlers). */
export async function nodeFs(): Promise<{ fs: NodeFs; path: NodePath } | null> {
  const g = globalThis as { process?: { versions?: { node?: string } } };
  if (!g.process?.versions?.node) return null;
  const fsName = "node:fs";
  const pathName = "node:path";
  try {
    const fs = (await import(/* @vite-ignore */ fsName)) as NodeFs;
    const path = (await import(/* @vite-ignore */ pathName)) as NodePath;
    return { fs, path };
  } catch {
    return null;
  }
}

/**
 * A temporary name beside `path`, unique per process and call, so that two runs writing the
 * same file (a shared cacheDir) never rename each other's half-written file.
 */
function tempName(path: string): string {
  const pid = (globalThis as { process?: { pid?: number } }).process?.pid ?? 0;
  tempCounter++;
  return `${path}.${pid}.${tempCounter}.${Math.floor(Math.random() * 1e9)}.tmp`;
}
let tempCounter = 0;

/** Writes text atomically (temporary file then rename). */
export async function writeTextFile(path: string, text: string): Promise<void> {
  const node = await nodeFs();
  if (!node)
    throw new FormatError("Writing files needs Node.js (checkpoints and saveNetwork are Node only).");
  node.fs.mkdirSync(node.path.dirname(path), { recursive: true });
  const tmp = tempName(path);
  node.fs.writeFileSync(tmp, text);
  node.fs.renameSync(tmp, path);
}

/** Reads a text file, or undefined when it does not exist. */
export async function readTextFile(path: string): Promise<string | undefined> {
  const node = await nodeFs();
  if (!node)
    throw new FormatError("Reading files needs Node.js (checkpoints and readNetworkFile are Node only).");
  if (!node.fs.existsSync(path)) return undefined;
  return node.fs.readFileSync(path, "utf8");
}

/** Reads a binary file, or undefined when it does not exist (Node only). */
export async function readBinaryFile(path: string): Promise<Uint8Array | undefined> {
  const node = await nodeFs();
  if (!node) throw new FormatError("Reading files needs Node.js (cacheDir is Node only).");
  if (!node.fs.existsSync(path)) return undefined;
  const b = node.fs.readFileSync(path);
  // copy into an aligned buffer
  const out = new Uint8Array(b.byteLength);
  out.set(b);
  return out;
}

/** Writes a binary file atomically (Node only). */
export async function writeBinaryFile(path: string, data: Uint8Array): Promise<void> {
  const node = await nodeFs();
  if (!node) throw new FormatError("Writing files needs Node.js (cacheDir is Node only).");
  node.fs.mkdirSync(node.path.dirname(path), { recursive: true });
  const tmp = tempName(path);
  node.fs.writeFileSync(tmp, data);
  node.fs.renameSync(tmp, path);
}
