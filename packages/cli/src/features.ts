/**
 * `scatterkit features`: the ordered inputs (or one shard of them) through a scattering
 * transform into a float32 `.npy`, one row per input row, with `FILE.npy.json` beside it.
 *
 * Streaming: inputs are read one at a time into a batch of at most `batch` rows, the batch
 * goes through `forwardAsync` (the worker pool of @scatterkit/scattering: every core), and its
 * rows are appended to the file in order; nothing else is held, so memory stays flat however
 * many files there are. Every second or so (a checkpoint) the `.npy` header is rewritten with
 * the row count and the JSON is replaced atomically (write + rename) with the inputs so far and
 * the position to continue from: a run killed at any moment resumes (`--resume`) from its last
 * checkpoint, and a run stopped by Ctrl-C / SIGTERM finishes its batch and leaves a valid
 * partial output (complete: false).
 * @module
 */
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { resolve as resolvePath } from "node:path";
import { FormatError, ParameterError } from "@scatterkit/core";
import type { FeaturesJson, FeaturesOptions, FeaturesSummary } from "./features-types";
import { hashList, withoutPath } from "./input-list";
import { type InputFile, collectInputs, openInput } from "./inputs";
import { InputLog, writeFeaturesJson } from "./json-file";
import { npyHeader } from "./npy";
import { type Progress, makeProgress } from "./progress";
import { peakRssMiB, versions } from "./run-info";
import { type Shard, resolveShard, shardRange } from "./shard";
import { TRANSFORM_OPTIONS, type TransformParams, buildTransform, domainOf } from "./transform";

// Where these names were defined before the split.
export type { FeaturesJson, FeaturesOptions, FeaturesSummary, SkipRecord } from "./features-types";
export { hashList } from "./input-list";
export { writeAtomic } from "./json-file";
export { peakRssMiB, versions } from "./run-info";

/** Whether a and b have the same JSON text. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs `scatterkit features`: reads the inputs (or this process's shard of them), writes the
 * float32 `.npy` of their transform coefficients (row i = i-th row read) and its JSON.
 * @throws ParameterError for bad options or an unusable resume; FormatError when no input is readable
 */
export async function runFeatures(o: FeaturesOptions): Promise<FeaturesSummary> {
  const t0 = performance.now();
  const stream = o.stream ?? process.stderr;
  const name = o.transform;
  if (!(name in TRANSFORM_OPTIONS))
    throw new ParameterError("--transform", name, "scattering1d, scattering2d or jtfs");
  const domain = domainOf(name);
  const features = o.features ?? "plain";
  if (features !== "plain" && features !== "log")
    throw new ParameterError("--features", features, '"plain" or "log"');
  if (o.length !== undefined && domain !== "audio")
    throw new ParameterError("--length", o.length, "only with an audio transform (scattering1d, jtfs)");
  if (o.gray && domain !== "image") throw new ParameterError("--gray", true, "only with scattering2d");
  const params: FeaturesJson["parameters"] = {
    ...TRANSFORM_OPTIONS[name].defaults,
    ...(o.params ?? {}),
    features,
    length: o.length ?? null,
    gray: !!o.gray,
  };
  const shard: Shard | null = resolveShard(o.shard, o.shards, o.env ?? process.env);
  const out = o.out.replaceAll("{shard}", String(shard?.index ?? 0));
  // This run's own output is never an input (an --out inside an input folder).
  const files = withoutPath(collectInputs(o.inputs), resolvePath(out));
  if (files.length === 0)
    throw new ParameterError(
      "INPUT",
      o.inputs.join(" "),
      "files or folders holding at least one WAV, PNG, JPEG or NPY file",
    );
  const { start, end } = shard
    ? shardRange(files.length, shard.index, shard.count)
    : { start: 0, end: files.length };
  const jsonPath = `${out}.json`;
  const inputList = { count: files.length, sha256: hashList(files) };
  const shardInfo = shard
    ? { index: shard.index, count: shard.count, source: shard.source, start, end }
    : null;
  const read = { domain, length: o.length, gray: o.gray, maxBytes: o.maxBytes, maxPixels: o.maxPixels };

  // Resume: the recorded run must be this one; its rows past the last checkpoint are dropped.
  let prior: FeaturesJson | null = null;
  if (o.resume && existsSync(jsonPath) && existsSync(out)) {
    prior = JSON.parse(readFileSync(jsonPath, "utf8")) as FeaturesJson;
    const mine = {
      transform: name,
      parameters: params,
      inputList,
      shard: shardInfo && { index: shard?.index, count: shard?.count, start, end },
    };
    const theirs = {
      transform: prior.transform,
      parameters: prior.parameters,
      inputList: prior.inputList,
      shard: prior.shard && {
        index: prior.shard.index,
        count: prior.shard.count,
        start: prior.shard.start,
        end: prior.shard.end,
      },
    };
    if (!sameJson(mine, theirs)) {
      throw new ParameterError(
        "--resume",
        jsonPath,
        `a run with the same transform, parameters, inputs and shard (recorded: ${JSON.stringify(theirs).slice(0, 400)})`,
      );
    }
  }

  // The shape of a row: the first readable input of the whole ordered list decides (all shards agree).
  let inputShape: number[];
  if (prior) inputShape = prior.inputShape;
  else {
    let found: number[] | null = null;
    for (let i = 0; i < files.length; i++) {
      const f = files.get(i);
      try {
        const file = openInput(f, read);
        found = file.shape;
        file.close();
        break;
      } catch {
        // named when its own shard reaches it
      }
    }
    if (!found)
      throw new FormatError(
        `None of the ${files.length} inputs can be read (first: ${files.get(0)}); nothing to compute.`,
      );
    inputShape = found;
  }
  const { transform, rowShape } = buildTransform(name, params as TransformParams, inputShape);
  const inSize = inputShape.reduce((a, b) => a * b, 1);
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  const rowBytes = rowSize * 4;
  const header = npyHeader(0, rowShape);
  // Rows per batch: about 1 MB of input and output (small buffers keep the allocator from
  // fragmenting: 4 MB batches let the resident size creep up over a long run), at least two
  // pairs per core so that every worker has work, at most 256; always even (whole pairs).
  const cores = typeof availableParallelism === "function" ? availableParallelism() : cpus().length;
  const auto = Math.max(4 * cores, Math.min(256, Math.floor((1 << 20) / (4 * (inSize + rowSize)))));
  const batch = 2 * Math.max(1, Math.floor((o.batch ?? auto) / 2));

  const json: Omit<FeaturesJson, "inputs"> = {
    format: "scatterkit-features/1",
    complete: false,
    transform: name,
    parameters: params,
    dtype: "float32",
    inputShape,
    rowShape,
    rows: 0,
    inputList,
    shard: shardInfo,
    skipped: [],
    position: { input: start, row: 0 },
    versions: versions(),
    timings: { seconds: 0, readSeconds: 0, transformSeconds: 0, writeSeconds: 0, filesPerSecond: 0 },
    command: o.argv ?? [],
  };
  let fd: number;
  let log = new InputLog();
  let priorSeconds = 0;
  if (prior) {
    json.rows = prior.rows;
    log = new InputLog(prior.inputs);
    json.skipped = prior.skipped.filter((s) => s.index < prior.position.input);
    json.position = prior.position;
    priorSeconds = prior.timings.seconds;
    fd = openSync(out, "r+");
    ftruncateSync(fd, header.length + json.rows * rowBytes);
  } else {
    fd = openSync(out, "w");
  }
  const timings = {
    read: prior?.timings.readSeconds ?? 0,
    transform: prior?.timings.transformSeconds ?? 0,
    write: prior?.timings.writeSeconds ?? 0,
  };
  const mode = o.progress ?? ((stream as NodeJS.WriteStream).isTTY ? "bar" : "lines");
  const total = end - start;
  const progress: Progress = makeProgress(
    mode,
    total,
    stream,
    shard ? `shard ${shard.index}/${shard.count}` : "scatterkit",
    json.position.input - start,
  );
  const firstDone = json.position.input - start;
  let skippedHere = json.skipped.filter((s) => s.index >= start).length;
  const tRun = performance.now();

  const checkpoint = (complete: boolean) => {
    const t = performance.now();
    writeSync(fd, npyHeader(json.rows, rowShape), 0, header.length, 0);
    json.complete = complete;
    const seconds = priorSeconds + (t - t0) / 1000;
    json.timings = {
      seconds,
      readSeconds: timings.read,
      transformSeconds: timings.transform,
      writeSeconds: timings.write,
      filesPerSecond: (json.position.input - start - firstDone) / Math.max(1e-9, (t - tRun) / 1000),
      peakRssMiB: peakRssMiB(),
    };
    writeFeaturesJson(jsonPath, { ...json, inputs: null }, log);
    return (performance.now() - t) / 1000;
  };
  checkpoint(false);

  // The batch: input rows, and where each came from (null: a zero filler row, output dropped).
  //
  // Rows go through the transform in pairs, because the transforms compute two real items in
  // one complex FFT: an item's last bits depend on its partner. So that a row's bytes never
  // depend on batch sizes, shards or where a run was resumed, partners are fixed by the input
  // list: the single-row files (WAV, PNG, JPEG) at whole-list indices 2m and 2m+1 are partners
  // when both are readable with the run's shape; rows 2j and 2j+1 of an NPY file are partners;
  // any other row is paired with a zero row. Batches hold whole pairs (an even number of rows,
  // starting at even positions), shards start at even indices (shardRange), and checkpoints
  // fall between pairs.
  const xb = new Float32Array(batch * inSize);
  const from: ({ input: number; row: number } | null)[] = [];
  let lastCheckpoint = performance.now();
  let checkpointCost = 0;
  const flush = async () => {
    const b = from.length;
    if (b === 0) return;
    let t = performance.now();
    const y = await transform.forwardAsync({ data: xb.subarray(0, b * inSize), shape: [b, ...inputShape] });
    const data = y.data as Float32Array;
    let kept = 0;
    for (let k = 0; k < b; k++) {
      if (from[k] === null) continue;
      if (kept !== k) data.copyWithin(kept * rowSize, k * rowSize, (k + 1) * rowSize);
      kept++;
    }
    if (features === "log")
      for (let i = 0; i < kept * rowSize; i++) data[i] = Math.log(Math.abs(data[i]) + 1e-6);
    timings.transform += (performance.now() - t) / 1000;
    t = performance.now();
    const bytes = new Uint8Array(data.buffer, data.byteOffset, kept * rowBytes);
    let off = 0;
    while (off < bytes.length)
      off += writeSync(fd, bytes, off, bytes.length - off, header.length + json.rows * rowBytes + off);
    timings.write += (performance.now() - t) / 1000;
    for (const f of from) {
      if (f === null) continue;
      log.add(files.get(f.input), json.rows);
      json.rows++;
    }
    from.length = 0;
    // Let signal handlers run: a batch computed on this thread alone resolves in microtasks only.
    await new Promise((r) => setImmediate(r));
  };

  /** Opens input i, or names and records it as skipped (null). */
  const tryOpen = (i: number): InputFile | null => {
    const t = performance.now();
    let file: InputFile | null = null;
    try {
      file = openInput(files.get(i), read);
      if (!sameJson(file.shape, inputShape)) {
        const hint = domain === "audio" && o.length === undefined ? " (--length N pads or trims audio)" : "";
        throw new FormatError(
          `has row shape [${file.shape.join(", ")}], the run's is [${inputShape.join(", ")}]${hint}.`,
        );
      }
    } catch (e) {
      file?.close();
      file = null;
      const reason = (e as Error).message;
      json.skipped.push({ file: files.get(i), index: i, reason });
      skippedHere++;
      progress.log(`skipped ${files.get(i)}: ${reason}`);
    }
    timings.read += (performance.now() - t) / 1000;
    return file;
  };

  /** Appends a pair of rows (b null: a zero row) to the batch. */
  const addPair = (
    a: { file: InputFile; input: number; row: number },
    b: { file: InputFile; input: number; row: number } | null,
  ) => {
    const t = performance.now();
    for (const [k, r] of [a, b].entries()) {
      const slot = xb.subarray((from.length + k) * inSize, (from.length + k + 1) * inSize);
      if (r) r.file.read(r.row, r.row + 1, slot);
      else slot.fill(0);
    }
    from.push({ input: a.input, row: a.row }, b && { input: b.input, row: b.row });
    timings.read += (performance.now() - t) / 1000;
  };

  let cursor = { ...json.position };
  /** After a pair: flush a full batch, then checkpoint now and then; true when asked to stop. */
  const afterPair = async (next: { input: number; row: number }): Promise<boolean> => {
    cursor = next;
    if (from.length + 2 <= batch) return false;
    await flush();
    json.position = cursor;
    if (
      (performance.now() - lastCheckpoint) / 1000 >=
      Math.max(o.checkpointSeconds ?? 1, 20 * checkpointCost)
    ) {
      checkpointCost = checkpoint(false);
      lastCheckpoint = performance.now();
    }
    return !!o.signal?.aborted;
  };

  let interrupted = false;
  let preopened: { index: number; file: InputFile | null } | null = null;
  try {
    outer: while (cursor.input < end) {
      if (o.signal?.aborted) {
        interrupted = true;
        break;
      }
      const i = cursor.input;
      const fi = preopened?.index === i ? preopened.file : tryOpen(i);
      preopened = null;
      if (fi && fi.kind !== "npy" && i % 2 === 0 && i + 1 < end) {
        const fj = tryOpen(i + 1);
        if (fj && fj.kind !== "npy") {
          addPair({ file: fi, input: i, row: 0 }, { file: fj, input: i + 1, row: 0 });
          fi.close();
          fj.close();
          progress.update(i + 2 - start, skippedHere);
          if (await afterPair({ input: i + 2, row: 0 })) break;
          continue;
        }
        preopened = { index: i + 1, file: fj };
      }
      if (fi) {
        try {
          if (fi.kind === "npy") {
            for (let r = cursor.row; r < fi.rows; r += 2) {
              const two = r + 1 < fi.rows;
              addPair({ file: fi, input: i, row: r }, two ? { file: fi, input: i, row: r + 1 } : null);
              const next = r + 2 < fi.rows ? { input: i, row: r + 2 } : { input: i + 1, row: 0 };
              if (await afterPair(next)) break outer;
            }
          } else {
            addPair({ file: fi, input: i, row: 0 }, null);
            if (await afterPair({ input: i + 1, row: 0 })) break;
          }
        } finally {
          fi.close();
        }
      }
      if (cursor.input === i) cursor = { input: i + 1, row: 0 };
      if (from.length === 0) json.position = cursor;
      progress.update(cursor.input - start, skippedHere);
    }
    preopened?.file?.close();
    await flush();
    json.position = cursor;
    interrupted = interrupted || cursor.input < end;
    checkpoint(!interrupted);
    ftruncateSync(fd, header.length + json.rows * rowBytes);
  } finally {
    closeSync(fd);
    progress.stop();
    await transform.dispose();
  }
  return { json, jsonPath, interrupted };
}
