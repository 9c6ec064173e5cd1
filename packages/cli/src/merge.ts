/**
 * `scatterkit merge`: the `.npy` files of the N shards of a run, ordered by the shard index
 * recorded in each one's JSON, into one `.npy` byte-identical to the unsharded run's (same
 * header, rows in the same order), with the combined JSON beside it.
 * @module
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { FormatError, ParameterError } from "@scatterkit/core";
import type { FeaturesJson } from "./features-types";
import { writeAtomic } from "./json-file";
import { npyHeader, parseNpyHeader } from "./npy";
import { versions } from "./run-info";

/** What {@link runMerge} returns. */
export interface MergeSummary {
  json: FeaturesJson;
  /** Shard files in the order merged. */
  order: string[];
}

function readJson(path: string): FeaturesJson {
  let text: string;
  try {
    text = readFileSync(`${path}.json`, "utf8");
  } catch {
    throw new FormatError(
      `${path}.json cannot be read: merge needs the JSON that features writes beside each shard.`,
    );
  }
  try {
    return JSON.parse(text) as FeaturesJson;
  } catch (e) {
    throw new FormatError(`${path}.json is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Merges shard outputs: checks that every shard is complete, that all N shards of one run are
 * present once (same transform, parameters, input list and shapes, contiguous parts), and that
 * each `.npy` holds exactly the rows its JSON records; then writes `out` and `out.json`.
 * @throws ParameterError / FormatError naming the shard file and what is wrong
 */
export function runMerge(out: string, shardFiles: readonly string[], argv: string[] = []): MergeSummary {
  if (shardFiles.length === 0)
    throw new ParameterError("SHARD.npy", "nothing", "at least one shard .npy file");
  const shards = shardFiles.map((file) => ({ file, json: readJson(file) }));
  const first = shards[0].json;
  const key = (j: FeaturesJson) =>
    JSON.stringify([
      j.format,
      j.transform,
      j.parameters,
      j.inputList,
      j.inputShape,
      j.rowShape,
      j.dtype,
      j.shard?.count,
    ]);
  for (const s of shards) {
    const j = s.json;
    if (j.format !== "scatterkit-features/1")
      throw new FormatError(
        `${s.file}.json is not a scatterkit features file (format ${JSON.stringify(j.format)}).`,
      );
    if (!j.shard)
      throw new FormatError(`${s.file} is not a shard (its JSON records no --shard); nothing to merge.`);
    if (!j.complete)
      throw new FormatError(
        `${s.file} is incomplete (shard ${j.shard.index}/${j.shard.count} stopped at input ${j.position.input} of [${j.shard.start}, ${j.shard.end})): run it again with --resume.`,
      );
    if (key(j) !== key(first)) {
      throw new FormatError(
        `${s.file} belongs to another run than ${shards[0].file}: transform, parameters, input list or shard count differ.`,
      );
    }
  }
  const n = first.shard?.count as number;
  shards.sort((a, b) => (a.json.shard?.index as number) - (b.json.shard?.index as number));
  const seen = shards.map((s) => s.json.shard?.index as number);
  for (let k = 0; k < shards.length; k++) {
    if (k > 0 && seen[k] === seen[k - 1])
      throw new ParameterError(
        "SHARD.npy",
        `${shards[k - 1].file} and ${shards[k].file}`,
        `each shard once (both are shard ${seen[k]})`,
      );
  }
  const missing = Array.from({ length: n }, (_, k) => k).filter((k) => !seen.includes(k));
  if (missing.length > 0)
    throw new ParameterError(
      "SHARD.npy",
      `${shards.length} shard files`,
      `all ${n} shards of the run; missing shard(s) ${missing.join(", ")}`,
    );
  let expectStart = 0;
  for (const s of shards) {
    const sh = s.json.shard as NonNullable<FeaturesJson["shard"]>;
    if (sh.start !== expectStart)
      throw new FormatError(
        `${s.file}: shard ${sh.index} covers inputs from ${sh.start}, expected ${expectStart}.`,
      );
    expectStart = sh.end;
  }
  if (expectStart !== first.inputList.count)
    throw new FormatError(`The shards cover ${expectStart} of ${first.inputList.count} inputs.`);

  const rowBytes = 4 * first.rowShape.reduce((a, b) => a * b, 1);
  const total = shards.reduce((a, s) => a + s.json.rows, 0);
  const header = npyHeader(total, first.rowShape);
  const fdOut = openSync(out, "w");
  const merged: FeaturesJson = {
    ...first,
    complete: true,
    rows: total,
    shard: null,
    inputs: [],
    skipped: [],
    position: { input: first.inputList.count, row: 0 },
    versions: versions(),
    timings: { seconds: 0, readSeconds: 0, transformSeconds: 0, writeSeconds: 0, filesPerSecond: 0 },
    command: argv,
  };
  try {
    writeSync(fdOut, header, 0, header.length, 0);
    let pos = header.length;
    const buf = new Uint8Array(Math.max(rowBytes, 4 << 20));
    for (const s of shards) {
      const fd = openSync(s.file, "r");
      try {
        const size = fstatSync(fd).size;
        const head = new Uint8Array(Math.min(size, 1 << 16));
        readSync(fd, head, 0, head.length, 0);
        const info = parseNpyHeader(head, size);
        const want = [s.json.rows, ...first.rowShape];
        if (info.dtype !== "f4" || info.bigEndian || JSON.stringify(info.shape) !== JSON.stringify(want)) {
          throw new FormatError(
            `${s.file} holds shape (${info.shape.join(", ")}) ${info.dtype}; its JSON records (${want.join(", ")}) float32.`,
          );
        }
        const bytes = s.json.rows * rowBytes;
        if (size !== info.dataOffset + bytes)
          throw new FormatError(`${s.file} is ${size} bytes; expected ${info.dataOffset + bytes}.`);
        for (let off = 0; off < bytes; ) {
          const k = readSync(fd, buf, 0, Math.min(buf.length, bytes - off), info.dataOffset + off);
          if (k === 0) throw new FormatError(`${s.file} ended early.`);
          let w = 0;
          while (w < k) w += writeSync(fdOut, buf, w, k - w, pos + w);
          pos += k;
          off += k;
        }
      } finally {
        closeSync(fd);
      }
      for (const r of s.json.inputs)
        merged.inputs.push({ ...r, row: r.row + (pos - header.length) / rowBytes - s.json.rows });
      merged.skipped.push(...s.json.skipped);
      const t = s.json.timings;
      merged.timings.seconds += t.seconds;
      merged.timings.readSeconds += t.readSeconds;
      merged.timings.transformSeconds += t.transformSeconds;
      merged.timings.writeSeconds += t.writeSeconds;
    }
  } finally {
    closeSync(fdOut);
  }
  merged.timings.filesPerSecond = first.inputList.count / Math.max(1e-9, merged.timings.seconds);
  writeAtomic(`${out}.json`, `${JSON.stringify(merged, null, 1)}\n`);
  return { json: merged, order: shards.map((s) => s.file) };
}
