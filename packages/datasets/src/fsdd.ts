import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { FormatError, ParameterError, type FloatArray, checkInteger, checkOptions } from "@scatterkit/core";
import { readWav } from "./wav";

/** Recordings of one split of the Free Spoken Digit Dataset. */
export interface AudioSet {
  /** One mono signal per recording, samples in [-1, 1] as decoded by {@link readWav}. */
  signals: FloatArray[];
  /** Spoken digit 0-9 of each recording. */
  labels: Uint8Array;
  /** Speaker name of each recording. */
  speakers: string[];
  /** Index of each recording within its (digit, speaker) block, 0-49. */
  indices: Int32Array;
  /** File name of each recording. */
  files: string[];
}

/** Both splits of FSDD and the common sample rate. */
export interface FsddData {
  train: AudioSet;
  test: AudioSet;
  sampleRate: number;
}

/** Options of {@link loadFsdd}. */
export interface LoadFsddOptions {
  /** Recordings with block index < testPerBlock go to the test split (default 5, as in Kymatio's example). */
  testPerBlock?: number;
  /** Keep only recordings whose block index is < maxIndex (default: all); for quick subsets. */
  maxIndex?: number;
}

const NAME = /^(\d)_([A-Za-z0-9-]+)_(\d+)\.wav$/;

function emptySet(): AudioSet {
  return { signals: [], labels: new Uint8Array(0), speakers: [], indices: new Int32Array(0), files: [] };
}

/**
 * Loads the Free Spoken Digit Dataset from `dir` (the dataset root holding a
 * `recordings/` folder, or that folder itself). Files are named
 * `{digit}_{speaker}_{index}.wav`; each (digit, speaker) block of 50 recordings
 * puts its first `testPerBlock` (index < 5 by default) in the test split and the
 * rest in train, the split of Kymatio's spoken-digit example. Recordings are
 * ordered by speaker, digit and index. Multi-channel files keep channel 0.
 *
 * @throws FormatError when the folder is missing, holds no FSDD file, or a WAV is malformed
 */
export function loadFsdd(dir: string, options: LoadFsddOptions = {}): FsddData {
  if (typeof dir !== "string" || dir.length === 0) throw new ParameterError("dir", dir, "a directory path");
  const o = checkOptions<LoadFsddOptions>("options", options);
  const testPerBlock = checkInteger("testPerBlock", o.testPerBlock ?? 5, 0);
  const maxIndex = o.maxIndex === undefined ? Infinity : checkInteger("maxIndex", o.maxIndex, 1);
  let folder = join(dir, "recordings");
  if (!existsSync(folder) || !statSync(folder).isDirectory()) folder = dir;
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new FormatError(`FSDD folder ${JSON.stringify(dir)} does not exist.`);
  }
  const entries = readdirSync(folder)
    .map((f) => ({ f, m: NAME.exec(f) }))
    .filter((e): e is { f: string; m: RegExpExecArray } => e.m !== null)
    .map(({ f, m }) => ({ file: f, digit: Number(m[1]), speaker: m[2], index: Number(m[3]) }))
    .filter((e) => e.index < maxIndex);
  if (entries.length === 0) {
    throw new FormatError(`No FSDD recordings ({digit}_{speaker}_{index}.wav) in ${JSON.stringify(folder)}.`);
  }
  entries.sort((a, b) =>
    a.speaker < b.speaker ? -1 : a.speaker > b.speaker ? 1 : a.digit - b.digit || a.index - b.index,
  );
  const parts = { train: [] as typeof entries, test: [] as typeof entries };
  for (const e of entries) (e.index < testPerBlock ? parts.test : parts.train).push(e);
  let sampleRate = 0;
  const build = (list: typeof entries): AudioSet => {
    if (list.length === 0) return emptySet();
    const set: AudioSet = {
      signals: [],
      labels: new Uint8Array(list.length),
      speakers: [],
      indices: new Int32Array(list.length),
      files: [],
    };
    list.forEach((e, i) => {
      let wav: ReturnType<typeof readWav>;
      try {
        wav = readWav(readFileSync(join(folder, e.file)));
      } catch (err) {
        throw new FormatError(`${join(folder, e.file)}: ${(err as Error).message}`);
      }
      if (sampleRate === 0) sampleRate = wav.sampleRate;
      else if (wav.sampleRate !== sampleRate) {
        throw new FormatError(
          `${e.file} has sample rate ${wav.sampleRate}; the other recordings have ${sampleRate}.`,
        );
      }
      set.signals.push(wav.data[0]);
      set.labels[i] = e.digit;
      set.speakers.push(e.speaker);
      set.indices[i] = e.index;
      set.files.push(e.file);
    });
    return set;
  };
  const train = build(parts.train);
  const test = build(parts.test);
  return { train, test, sampleRate };
}

/**
 * Fits a signal to `length` samples as Kymatio's spoken-digit example does:
 * longer signals keep their first `length` samples; shorter ones are centred in
 * zeros, starting at floor((length - n) / 2). Optionally divides by max |x| first.
 * Returns a new Float64Array; the input is not modified.
 */
export function fitLength(x: ArrayLike<number>, length: number, { normalize = false } = {}): Float64Array {
  if (!Number.isInteger(length) || length < 1) throw new ParameterError("length", length, "an integer >= 1");
  let scale = 1;
  if (normalize) {
    let m = 0;
    for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
    if (m > 0) scale = 1 / m;
  }
  const out = new Float64Array(length);
  const n = Math.min(x.length, length);
  const start = x.length >= length ? 0 : Math.floor((length - x.length) / 2);
  for (let i = 0; i < n; i++) out[start + i] = x[i] * scale;
  return out;
}
