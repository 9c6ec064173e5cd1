/**
 * Inputs of a run: listing (folders read recursively, code-point order of the paths relative to
 * the folder given) and reading one file into rows (WAV, PNG, JPEG by content, NPY row by row).
 * @module
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { FormatError, ParameterError } from "@scatterkit/core";
import { fitLength, readWav } from "@scatterkit/datasets";
import { type ImageLimits, decodeJpeg, decodePng, isJpeg, isPng } from "./image";
import { MAX_NPY_HEADER, type NpyInfo, npyToFloat32, parseNpyHeader } from "./npy";

/** File name endings a folder walk collects (case-insensitive). */
export const INPUT_EXTENSIONS = [".wav", ".png", ".jpg", ".jpeg", ".npy"];

/**
 * Compares two strings by the Unicode code points they hold (not by UTF-16 code units, which
 * order characters U+E000..U+FFFF after astral characters): negative, zero or positive.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy) return sx ? 1 : -1; // a surrogate pair encodes a code point above U+FFFF
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The ordered input paths of a run, stored compactly: each path is a prefix (the argument and
 * "/") shared by its folder's files plus the path relative to that folder, joined on demand, so
 * a list of millions of files costs a few dozen bytes per file.
 */
export class InputList {
  private readonly prefixes: string[] = [];
  private readonly names: string[] = [];
  private prefixOf = new Uint32Array(16);

  /** Number of paths. */
  get length(): number {
    return this.names.length;
  }

  /** Appends the paths `prefix + name` for each name, in order. */
  push(prefix: string, names: readonly string[]): void {
    let k = this.prefixes.indexOf(prefix);
    if (k < 0) k = this.prefixes.push(prefix) - 1;
    const n = this.names.length + names.length;
    if (n > this.prefixOf.length) {
      const grown = new Uint32Array(Math.max(n, 2 * this.prefixOf.length));
      grown.set(this.prefixOf);
      this.prefixOf = grown;
    }
    for (const name of names) {
      this.prefixOf[this.names.length] = k;
      this.names.push(name);
    }
  }

  /** The i-th path. */
  get(i: number): string {
    return this.prefixes[this.prefixOf[i]] + this.names[i];
  }

  /** All paths as an array. */
  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }
}

/**
 * The input files of a run, in row order (see {@link listInputs}), as a compact {@link InputList}.
 * @throws ParameterError for an argument that does not exist
 */
export function collectInputs(args: readonly string[]): InputList {
  const out = new InputList();
  for (const arg of args) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(arg);
    } catch {
      throw new ParameterError("INPUT", arg, "an existing file or folder");
    }
    if (!st.isDirectory()) {
      out.push("", [arg]);
      continue;
    }
    const found: string[] = [];
    const walk = (dir: string, rel: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        let isDir = e.isDirectory();
        let isFile = e.isFile();
        if (e.isSymbolicLink()) {
          try {
            const s = statSync(join(dir, e.name));
            isDir = s.isDirectory();
            isFile = s.isFile();
          } catch {
            isFile = true; // a dangling link: named as unreadable later
          }
        }
        if (isDir) walk(join(dir, e.name), `${rel}${e.name}/`);
        else if (isFile && INPUT_EXTENSIONS.some((x) => e.name.toLowerCase().endsWith(x))) {
          found.push(rel === "" ? e.name : `${rel}${e.name}`);
        }
      }
    };
    walk(arg, "");
    found.sort(compareCodePoints);
    out.push(arg.endsWith("/") || arg.endsWith(sep) ? arg : `${arg}/`, found);
  }
  return out;
}

/**
 * The input files of a run, in row order: each argument in the order given; a folder
 * contributes every file below it whose name ends in a known extension ({@link
 * INPUT_EXTENSIONS}), ordered by the code-point order of its path relative to the folder
 * (with "/" as separator); a file is taken whatever its name. Paths are returned as the
 * argument joined with the relative path.
 * @throws ParameterError for an argument that does not exist
 */
export function listInputs(args: readonly string[]): string[] {
  return collectInputs(args).toArray();
}

/** Which transform family a run feeds: audio (1-D signals) or images (2-D). */
export type InputDomain = "audio" | "image";

/** How a run reads its inputs. */
export interface ReadOptions extends ImageLimits {
  domain: InputDomain;
  /** Audio: pad or trim every signal to this many samples (centred zero padding, first N kept). */
  length?: number;
  /** Images: colour to one grey channel. */
  gray?: boolean;
  /** Most bytes of a WAV, PNG or JPEG file read into memory (default 1 GiB). */
  maxBytes?: number;
}

/** One readable input file: `rows` rows of shape `shape` (float32), read on demand. */
export interface InputFile {
  kind: "wav" | "png" | "jpeg" | "npy";
  rows: number;
  /** Shape of one row as the transform takes it. */
  shape: number[];
  /** Writes rows r0 .. r1-1 (flattened, row-major) into `out` from offset 0. */
  read(r0: number, r1: number, out: Float32Array): void;
  /** Releases the file (NPY inputs keep a descriptor open). */
  close(): void;
}

function checkFinite(data: Float32Array, what: string): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]))
      throw new FormatError(`${what} holds a non-finite value (${data[i]}) at element ${i}.`);
  }
}

function fitAudio(
  channels: ArrayLike<number>[],
  length: number | undefined,
): { data: Float32Array; n: number } {
  const n = length ?? channels[0].length;
  const data = new Float32Array(channels.length * n);
  for (let k = 0; k < channels.length; k++)
    data.set(length === undefined ? channels[k] : fitLength(channels[k], length), k * n);
  return { data, n };
}

function single(kind: InputFile["kind"], shape: number[], data: Float32Array): InputFile {
  return { kind, rows: 1, shape, read: (_r0, _r1, out) => out.set(data), close: () => {} };
}

/**
 * Opens one input file for a run: WAV (a [channels, N] signal; 16-bit values in [-1, 1)),
 * PNG or JPEG (a [H, W] grey or [3, H, W] colour image in [0, 1]) or NPY ([n, ...sample]:
 * n rows), recognised by content, not by name. Audio goes through `length` when given.
 * @throws FormatError with the reason the file cannot be used
 */
export function openInput(path: string, o: ReadOptions): InputFile {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw new FormatError(`cannot be opened: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let keep = false;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FormatError("is not a regular file.");
    const size = st.size;
    if (size === 0) throw new FormatError("is empty (0 bytes).");
    const head = new Uint8Array(Math.min(size, MAX_NPY_HEADER + 16));
    readSync(fd, head, 0, head.length, 0);
    if (head[0] === 0x93 && String.fromCharCode(...head.subarray(1, 6)) === "NUMPY") {
      const f = openNpy(fd, parseNpyHeader(head, size), o);
      keep = true;
      return f;
    }
    const maxBytes = o.maxBytes ?? 2 ** 30;
    const kind = isPng(head)
      ? "png"
      : isJpeg(head)
        ? "jpeg"
        : String.fromCharCode(...head.subarray(0, 4)) === "RIFF"
          ? "wav"
          : null;
    if (kind === null) {
      const start = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
      throw new FormatError(`is not a WAV, PNG, JPEG or NPY file (starts with bytes ${start}).`);
    }
    const wantAudio = o.domain === "audio";
    if ((kind === "wav") !== wantAudio) {
      throw new FormatError(
        `is a ${kind.toUpperCase()} file; this transform takes ${wantAudio ? "WAV or NPY (audio)" : "PNG, JPEG or NPY (images)"} inputs.`,
      );
    }
    if (size > maxBytes)
      throw new FormatError(`is ${size} bytes, more than the limit of ${maxBytes} (--max-bytes).`);
    const bytes = readFileSync(fd);
    if (kind === "wav") {
      const wav = readWav(bytes);
      const { data, n } = fitAudio(wav.data, o.length);
      checkFinite(data, "WAV file");
      return single(kind, [wav.channels, n], data);
    }
    const img = kind === "png" ? decodePng(bytes, !!o.gray, o) : decodeJpeg(bytes, !!o.gray, o);
    const shape = img.channels === 1 ? [img.height, img.width] : [3, img.height, img.width];
    return single(kind, shape, img.data);
  } finally {
    if (!keep) closeSync(fd);
  }
}

function openNpy(fd: number, info: NpyInfo, o: ReadOptions): InputFile {
  const { shape } = info;
  if (shape.length < 2) {
    throw new FormatError(
      `NPY array of shape (${shape.join(", ")}) has no sample axes; expected [n, ...sample] with a sample of rank >= 1.`,
    );
  }
  const rows = shape[0];
  const sample = shape.slice(1);
  const inSize = sample.reduce((a, b) => a * b, 1);
  if (inSize === 0) throw new FormatError(`NPY sample shape (${sample.join(", ")}) is empty.`);
  const fitted = o.domain === "audio" && o.length !== undefined;
  const lastIn = sample[sample.length - 1];
  const outShape = fitted ? [...sample.slice(0, -1), o.length as number] : sample;
  const outSize = outShape.reduce((a, b) => a * b, 1);
  const rowBytes = inSize * info.itemSize;
  // Chunk of rows read at once: about 4 MB (at least one row).
  const chunk = Math.max(1, Math.floor((4 << 20) / rowBytes));
  const readRaw = (r0: number, r1: number, out: Float32Array) => {
    const buf = new Uint8Array((r1 - r0) * rowBytes);
    let got = 0;
    while (got < buf.length) {
      const k = readSync(fd, buf, got, buf.length - got, info.dataOffset + r0 * rowBytes + got);
      if (k === 0) throw new FormatError("NPY file ended early while reading rows.");
      got += k;
    }
    npyToFloat32(info, buf, 0, (r1 - r0) * inSize, out);
  };
  if (info.dtype === "f4" || info.dtype === "f8") {
    // Checked once up front so that a file is used whole or skipped whole.
    for (let r = 0; r < rows; r += chunk) {
      const r1 = Math.min(rows, r + chunk);
      const tmp = new Float32Array((r1 - r) * inSize);
      readRaw(r, r1, tmp);
      for (let i = 0; i < tmp.length; i++) {
        if (!Number.isFinite(tmp[i])) {
          throw new FormatError(
            `NPY file holds a non-finite value (${tmp[i]}) in row ${r + Math.floor(i / inSize)}.`,
          );
        }
      }
    }
  }
  return {
    kind: "npy",
    rows,
    shape: outShape,
    read(r0, r1, out) {
      if (!fitted) {
        readRaw(r0, r1, out);
        return;
      }
      const tmp = new Float32Array(inSize);
      const lead = inSize / lastIn;
      for (let r = r0; r < r1; r++) {
        readRaw(r, r + 1, tmp);
        for (let c = 0; c < lead; c++) {
          out.set(
            fitLength(tmp.subarray(c * lastIn, (c + 1) * lastIn), o.length as number),
            (r - r0) * outSize + c * (o.length as number),
          );
        }
      }
    },
    close: () => closeSync(fd),
  };
}
