// runFeatures / runMerge in-process: JTFS and NPY inputs equal the transforms' forward, an
// AbortSignal stops at a batch boundary with a consistent partial output, progress output.
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fitLength, readWav } from "@scatterkit/datasets";
import { Scattering1D, TimeFrequencyScattering } from "@scatterkit/scattering";
import { afterAll, describe, expect, it } from "vitest";
import { InputLog, npyHeader, parseNpyHeader, runFeatures, writeFeaturesJson } from "../src/index";
import { makeProgress } from "../src/progress";
import { examples, relErr } from "./helpers";

const tmp = mkdtempSync(join(tmpdir(), "scatterkit-cli-run-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A stream collecting what is written (isTTY as given). */
function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const s = new Writable({
    write(c, _e, cb) {
      chunks.push(String(c));
      cb();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  s.isTTY = isTTY;
  s.columns = 120;
  return { stream: s, text: () => chunks.join("") };
}

/** Rows of a .npy written by the CLI (float32 after its header). */
function rowsOf(file: string): { shape: number[]; data: Float32Array } {
  const b = readFileSync(file);
  const info = parseNpyHeader(b.subarray(0, 4096), b.length);
  const copy = b.buffer.slice(b.byteOffset + info.dataOffset, b.byteOffset + b.length);
  return { shape: info.shape, data: new Float32Array(copy) };
}

const wavs = ["0_jackson_0.wav", "1_nicolas_0.wav"].map((f) => join(examples, "fsdd", f));
const signal = (f: string, n: number) => Float32Array.from(fitLength(readWav(readFileSync(f)).data[0], n));

describe("runFeatures", () => {
  it("jtfs (time and joint formats): rows equal TimeFrequencyScattering forward", async () => {
    for (const format of ["time", "joint"] as const) {
      const out = join(tmp, `jtfs-${format}.npy`);
      const { json } = await runFeatures({
        transform: "jtfs",
        params: { J: 5, Q: 4, Jfr: 2, format },
        length: 2048,
        out,
        inputs: wavs,
        progress: "none",
        stream: sink(false).stream,
      });
      const S = new TimeFrequencyScattering({ J: 5, Q: 4, Jfr: 2, shape: 2048, format });
      expect(json.rowShape).toEqual(S.outputShapeFor([1, 2048]));
      const { shape, data } = rowsOf(out);
      expect(shape).toEqual([2, ...json.rowShape]);
      const size = data.length / 2;
      wavs.forEach((f, i) => {
        const want = S.forward({ data: signal(f, 2048), shape: [1, 2048] }).data;
        expect(relErr(data.subarray(i * size, (i + 1) * size), want)).toBeLessThanOrEqual(1e-5);
      });
    }
  });

  it("an NPY [n, N] float64 input gives n rows (with --length trimming) equal to Scattering1D forward", async () => {
    const n = 3;
    const N = 1500;
    const x = Float64Array.from({ length: n * N }, (_, i) => Math.sin(i * 0.05) * Math.cos(i * 0.0007));
    const h = new TextEncoder().encode(`{'descr': '<f8', 'fortran_order': False, 'shape': (${n}, ${N}), }`);
    const len = Math.ceil((11 + h.length) / 64) * 64;
    const file = new Uint8Array(len + x.byteLength).fill(0x20);
    file.set([0x93, 78, 85, 77, 80, 89, 1, 0, (len - 10) & 255, (len - 10) >> 8]);
    file.set(h, 10);
    file[len - 1] = 10;
    file.set(new Uint8Array(x.buffer), len);
    writeFileSync(join(tmp, "signals.npy"), file);
    const out = join(tmp, "npy.npy");
    const { json, jsonPath } = await runFeatures({
      transform: "scattering1d",
      params: { J: 4, Q: 4 },
      length: 1024,
      out,
      inputs: [join(tmp, "signals.npy")],
      progress: "none",
      stream: sink(false).stream,
    });
    expect(json.rows).toBe(3);
    expect(JSON.parse(readFileSync(jsonPath, "utf8")).inputs).toEqual([
      { file: join(tmp, "signals.npy"), row: 0, rows: 3 },
    ]);
    const S = new Scattering1D({ J: 4, Q: 4, shape: 1024 });
    const { data } = rowsOf(out);
    const size = data.length / n;
    for (let r = 0; r < n; r++) {
      const want = S.forward({
        data: Float32Array.from(x.subarray(r * N, r * N + 1024)),
        shape: [1024],
      }).data;
      expect(relErr(data.subarray(r * size, (r + 1) * size), want)).toBeLessThanOrEqual(1e-5);
    }
  });

  it("an AbortSignal stops at a batch boundary: header rows = JSON rows = file rows, complete false, then --resume finishes the same bytes", async () => {
    const inputs = [join(examples, "fashion-mnist")];
    const whole = join(tmp, "whole.npy");
    await runFeatures({
      transform: "scattering2d",
      out: whole,
      inputs,
      batch: 2,
      progress: "none",
      stream: sink(false).stream,
    });
    const out = join(tmp, "stopped.npy");
    const controller = new AbortController();
    let seen = 0;
    const stream = new Writable({
      write(c, _e, cb) {
        if (/files \(/.test(String(c)) && ++seen === 3) controller.abort();
        cb();
      },
    });
    const r = await runFeatures({
      transform: "scattering2d",
      out,
      inputs,
      batch: 2,
      progress: "lines",
      stream,
      signal: controller.signal,
    });
    expect(r.interrupted).toBe(true);
    expect(r.json.complete).toBe(false);
    const k = r.json.rows;
    expect(k).toBe(6); // pairs of files are read, then flushed (batch 2); stopped after the third pair
    expect(r.json.position).toEqual({ input: 6, row: 0 });
    expect(rowsOf(out).shape).toEqual([k, 81, 7, 7]);
    const full = readFileSync(whole);
    const h = npyHeader(8, [81, 7, 7]).length;
    const prefix = Buffer.concat([npyHeader(k, [81, 7, 7]), full.subarray(h, h + k * 4 * 81 * 49)]);
    const got = readFileSync(out);
    expect([got.length, got.subarray(0, 128).toString("latin1")]).toEqual([
      prefix.length,
      prefix.subarray(0, 128).toString("latin1"),
    ]);
    const bad: number[] = [];
    for (let i = 0; i < got.length; i++) if (got[i] !== prefix[i]) bad.push(i);
    expect(bad.slice(0, 5)).toEqual([]);
    expect(got.equals(prefix)).toBe(true);
    const again = await runFeatures({
      transform: "scattering2d",
      out,
      inputs,
      batch: 2,
      resume: true,
      progress: "none",
      stream: sink(false).stream,
    });
    expect(again.interrupted).toBe(false);
    expect(readFileSync(out).equals(full)).toBe(true);
  });
});

describe("progress", () => {
  it("a terminal gets a bar with files, rate and ETA; other streams plain lines at 10% steps", () => {
    const tty = sink(true);
    const bar = makeProgress("bar", 50, tty.stream, "scatterkit");
    bar.log("skipped x.png: is empty (0 bytes).");
    for (let i = 1; i <= 50; i++) bar.update(i, 1);
    bar.stop();
    expect(tty.text()).toMatch(
      /scatterkit .*100% \| 50\/50 files \| [\d.]+ files\/s \| ETA [\d.]+ s \| 1 skipped/,
    );
    expect(tty.text()).toContain("skipped x.png: is empty (0 bytes).");
    const plain = sink(false);
    const lines = makeProgress("lines", 50, plain.stream, "shard 1/4", 0, 3600);
    for (let i = 1; i <= 50; i++) lines.update(i, 0);
    const out = plain.text().trim().split("\n");
    expect(out.length).toBe(10);
    expect(out[9]).toMatch(/^shard 1\/4 50\/50 files \(100\.0%\), [\d.]+ files\/s, ETA [\d.]+ s, 0 skipped$/);
  });
});

describe("InputLog / writeFeaturesJson", () => {
  it("records rows per file (runs of rows merge), resumes from records, and writes valid JSON with the other fields", () => {
    const log = new InputLog([
      { file: "a.npy", row: 0, rows: 3 },
      { file: "b.png", row: 3, rows: 1 },
    ]);
    log.add("b.png", 4); // continues b
    for (let r = 5; r < 2600; r++) log.add(`f${r}.png`, r); // more than one chunk of 1024
    log.add("f2599.png", 2600);
    const path = join(tmp, "log.json");
    writeFeaturesJson(
      path,
      { format: "x", rows: 2601, inputs: null, skipped: [{ file: "s", index: 1, reason: "r" }] },
      log,
    );
    const j = JSON.parse(readFileSync(path, "utf8"));
    expect(j.format).toBe("x");
    expect(j.skipped).toEqual([{ file: "s", index: 1, reason: "r" }]);
    expect(j.inputs.slice(0, 3)).toEqual([
      { file: "a.npy", row: 0, rows: 3 },
      { file: "b.png", row: 3, rows: 2 },
      { file: "f5.png", row: 5, rows: 1 },
    ]);
    expect(j.inputs.length).toBe(2 + 2595);
    expect(j.inputs[j.inputs.length - 1]).toEqual({ file: "f2599.png", row: 2599, rows: 2 });
    const empty = join(tmp, "empty.json");
    writeFeaturesJson(empty, { rows: 0, inputs: null }, new InputLog());
    expect(JSON.parse(readFileSync(empty, "utf8"))).toEqual({ rows: 0, inputs: [] });
  });
});
