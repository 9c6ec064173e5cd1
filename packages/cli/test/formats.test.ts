// NPY headers, PNG/JPEG decoding, input listing and ordering, shards: in-process tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FormatError, ParameterError } from "@scatterkit/core";
import { writeWav } from "@scatterkit/datasets";
import fc from "fast-check";
import { encode as encodePng } from "fast-png";
import jpeg from "jpeg-js";
import { afterAll, describe, expect, it } from "vitest";
import {
  compareCodePoints,
  decodeJpeg,
  decodePng,
  listInputs,
  npyHeader,
  openInput,
  parseNpyHeader,
  resolveShard,
  shardRange,
} from "../src/index";

const tmp = mkdtempSync(join(tmpdir(), "scatterkit-cli-formats-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("npyHeader", () => {
  it("is numpy's NPY 1.0 header with a length fixed by the row shape (a multiple of 64)", () => {
    const h = npyHeader(3, [81, 7, 7]);
    const text = new TextDecoder().decode(h.subarray(10));
    expect(Array.from(h.subarray(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    expect(h.length % 64).toBe(0);
    expect(h[8] | (h[9] << 8)).toBe(h.length - 10);
    expect(text.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 81, 7, 7), }")).toBe(true);
    expect(text.endsWith(" \n")).toBe(true);
    expect(npyHeader(123456789012345, [81, 7, 7]).length).toBe(h.length);
    expect(new TextDecoder().decode(npyHeader(5, []).subarray(10))).toContain("'shape': (5,)");
  });

  it("round-trips through parseNpyHeader for any shape (fast-check)", () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 4 }), (rows, shape) => {
        const h = npyHeader(rows, shape);
        const size = h.length + 4 * rows * shape.reduce((a, b) => a * b, 1);
        const info = parseNpyHeader(h, size);
        expect(info).toEqual({
          dtype: "f4",
          bigEndian: false,
          itemSize: 4,
          shape: [rows, ...shape],
          dataOffset: h.length,
        });
      }),
    );
  });

  it("refuses truncated data, huge shapes, Fortran order and unknown dtypes with a FormatError", () => {
    const h = npyHeader(10, [100]);
    expect(() => parseNpyHeader(h, h.length + 3999)).toThrow(
      /truncated.*needs 4000 data bytes, the file holds 3999/,
    );
    const raw = (dict: string) => {
      const len = Math.ceil((11 + dict.length) / 64) * 64;
      const b = new Uint8Array(len).fill(0x20);
      b.set([0x93, 78, 85, 77, 80, 89, 1, 0, (len - 10) & 255, (len - 10) >> 8]);
      b.set(new TextEncoder().encode(dict), 10);
      b[len - 1] = 10;
      return b;
    };
    const huge = raw(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (999999999999, 999999999999, 99999), }",
    );
    expect(() => parseNpyHeader(huge, huge.length + 100)).toThrow(
      /truncated: shape \(999999999999, 999999999999, 99999\)/,
    );
    const f = raw("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }");
    expect(() => parseNpyHeader(f, f.length + 16)).toThrow(/Fortran order/);
    const c = raw("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }");
    expect(() => parseNpyHeader(c, c.length + 16)).toThrow(/dtype '<c8' is not supported/);
    const neg = raw("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }");
    expect(() => parseNpyHeader(neg, neg.length + 16)).toThrow(/not a non-negative integer/);
    expect(() => parseNpyHeader(new Uint8Array(5), 5)).toThrow(/truncated/);
  });
});

describe("image decoding", () => {
  const w = 5;
  const h = 3;
  const rgb = Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 37) % 256);

  it("8-bit grey, 16-bit grey, RGB, RGBA, grey + alpha: values v / (2^d - 1), alpha dropped", () => {
    const grey = Uint8Array.from({ length: w * h }, (_, i) => i * 17);
    const g = decodePng(encodePng({ width: w, height: h, data: grey, depth: 8, channels: 1 }), false);
    expect(g.channels).toBe(1);
    expect(Array.from(g.data)).toEqual(Array.from(grey, (v) => Math.fround(v / 255)));
    const g16 = Uint16Array.from({ length: w * h }, (_, i) => i * 4321);
    const d16 = decodePng(encodePng({ width: w, height: h, data: g16, depth: 16, channels: 1 }), false);
    expect(Array.from(d16.data)).toEqual(Array.from(g16, (v) => Math.fround(v / 65535)));
    const c = decodePng(encodePng({ width: w, height: h, data: rgb, depth: 8, channels: 3 }), false);
    expect(c.channels).toBe(3);
    for (let k = 0; k < 3; k++)
      for (let i = 0; i < w * h; i++) expect(c.data[k * w * h + i]).toBe(Math.fround(rgb[3 * i + k] / 255));
    const rgba = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set([rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], 9], 4 * i);
    expect(
      decodePng(encodePng({ width: w, height: h, data: rgba, depth: 8, channels: 4 }), false).data,
    ).toEqual(c.data);
    const ga = new Uint8Array(w * h * 2);
    for (let i = 0; i < w * h; i++) ga.set([grey[i], 200], 2 * i);
    expect(
      decodePng(encodePng({ width: w, height: h, data: ga, depth: 8, channels: 2 }), false).data,
    ).toEqual(g.data);
  });

  it("--gray gives the BT.601 luma of colour; grey images are unchanged by it", () => {
    const c = decodePng(encodePng({ width: w, height: h, data: rgb, depth: 8, channels: 3 }), true);
    expect(c.channels).toBe(1);
    for (let i = 0; i < w * h; i++) {
      expect(c.data[i]).toBe(
        Math.fround((0.299 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2]) / 255),
      );
    }
  });

  it("palette PNGs (8-bit and packed 2-bit indices) look up their colours", () => {
    const palette = [
      [255, 0, 0],
      [0, 128, 255],
      [10, 20, 30],
    ] as [number, number, number][];
    const idx = Uint8Array.from({ length: w * h }, (_, i) => i % 3);
    for (const depth of [8, 2] as const) {
      let data = idx;
      if (depth === 2) {
        const rowBytes = Math.ceil((w * 2) / 8);
        data = new Uint8Array(rowBytes * h);
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++) data[y * rowBytes + (x >> 2)] |= idx[y * w + x] << (6 - 2 * (x & 3));
      }
      const d = decodePng(encodePng({ width: w, height: h, data, depth, channels: 1, palette }), false);
      expect(d.channels).toBe(3);
      for (let i = 0; i < w * h; i++)
        for (let k = 0; k < 3; k++) expect(d.data[k * w * h + i]).toBe(Math.fround(palette[idx[i]][k] / 255));
    }
  });

  it("JPEG: colour gives 3 channels close to the encoded pixels, one luma channel with --gray", () => {
    const W = 16;
    const rgba = new Uint8Array(W * W * 4);
    for (let i = 0; i < W * W; i++) rgba.set([100, 150, 200, 255], 4 * i);
    const bytes = new Uint8Array(jpeg.encode({ data: rgba, width: W, height: W }, 95).data);
    const d = decodeJpeg(bytes, false);
    expect([d.channels, d.width, d.height]).toEqual([3, W, W]);
    for (let k = 0; k < 3; k++)
      expect(Math.abs(d.data[k * W * W + 37] - [100, 150, 200][k] / 255)).toBeLessThan(3 / 255);
    const g = decodeJpeg(bytes, true);
    expect(g.channels).toBe(1);
    expect(Math.abs(g.data[5] - (0.299 * 100 + 0.587 * 150 + 0.114 * 200) / 255)).toBeLessThan(3 / 255);
  });

  it("fuzzed PNG/JPEG/WAV/NPY files (truncated, bit flips, huge dimensions, empty, wrong type) give a FormatError, never a crash or a hang (fast-check)", () => {
    const png = encodePng({
      width: 28,
      height: 28,
      data: Uint8Array.from({ length: 784 }, (_, i) => i % 251),
      depth: 8,
      channels: 1,
    });
    const rgba = new Uint8Array(20 * 20 * 4).fill(128);
    const jpg = new Uint8Array(jpeg.encode({ data: rgba, width: 20, height: 20 }, 80).data);
    const wav = writeWav([Float32Array.from({ length: 300 }, (_, i) => Math.sin(i / 5))], {
      sampleRate: 8000,
    });
    const npyH = npyHeader(2, [50]);
    const npy = new Uint8Array(npyH.length + 400);
    npy.set(npyH);
    const seeds = { png, jpg, wav, npy };
    let n = 0;
    const dir = join(tmp, "fuzz");
    mkdirSync(dir, { recursive: true });
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(seeds) as (keyof typeof seeds)[])),
        fc.oneof(
          fc.record({ cut: fc.nat() }),
          fc.record({
            flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
              minLength: 1,
              maxLength: 6,
            }),
          }),
        ),
        (kind, change) => {
          const src = seeds[kind];
          let b = src.slice();
          if ("cut" in change) b = src.slice(0, change.cut % src.length);
          else for (const [pos, v] of change.flips) b[pos % b.length] = v;
          const file = join(dir, `f${n++}`);
          writeFileSync(file, b);
          const t = performance.now();
          const domain = kind === "wav" ? "audio" : kind === "npy" ? (n % 2 ? "audio" : "image") : "image";
          try {
            const f = openInput(file, { domain });
            const out = new Float32Array(f.rows * f.shape.reduce((a, c) => a * c, 1));
            if (f.rows > 0) f.read(0, f.rows, out);
            f.close();
            for (const v of out) expect(Number.isFinite(v)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(FormatError);
            expect((e as Error).message.length).toBeGreaterThan(10);
          }
          expect(performance.now() - t).toBeLessThan(5000);
        },
      ),
      { numRuns: 400, seed: 14 },
    );
  });

  it("names huge dimensions, empty files and wrong types before decoding", () => {
    const png = encodePng({ width: 4, height: 4, data: new Uint8Array(16), depth: 8, channels: 1 });
    const big = png.slice();
    big.set([0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00], 16); // 1048576 x 1048576
    const mid = png.slice();
    mid.set([0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00], 16); // 4096 x 4096: under the pixel limit
    const jpg = new Uint8Array(
      jpeg.encode({ data: new Uint8Array(16 * 16 * 4), width: 16, height: 16 }, 80).data,
    );
    const sof = jpg.findIndex((v, i) => v === 0xff && jpg[i + 1] === 0xc0);
    jpg.set([0x10, 0x00, 0x10, 0x00], sof + 5); // 4096 x 4096 declared in a file of a few hundred bytes
    const cases: [string, Uint8Array, string, RegExp][] = [
      [
        "mid.png",
        mid,
        "image",
        /compressed bytes, too few for the \d+ bytes its 4096 x 4096 header declares/,
      ],
      ["mid.jpg", jpg, "image", /too few for the 4096 x 4096 pixels its header declares/],
      ["huge.png", big, "image", /1048576 x 1048576 pixels, more than the limit/],
      ["empty.png", new Uint8Array(0), "image", /empty \(0 bytes\)/],
      ["text.png", new TextEncoder().encode("hello world"), "image", /not a WAV, PNG, JPEG or NPY file/],
      ["image.wav", png, "audio", /is a PNG file; this transform takes WAV or NPY/],
      ["cut.png", png.slice(0, png.length - 13), "image", /truncated: no IEND|truncated: chunk/],
    ];
    for (const [name, bytes, domain, re] of cases) {
      writeFileSync(join(tmp, name), bytes);
      expect(() => openInput(join(tmp, name), { domain: domain as "image" | "audio" })).toThrow(re);
    }
  });
});

describe("inputs", () => {
  it("compareCodePoints orders as the code points do (fast-check), unlike UTF-16 order", () => {
    const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0) as number);
    const ref = (a: string, b: string) => {
      const x = cps(a);
      const y = cps(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.string({ unit: "grapheme" }),
        (a, b) => Math.sign(compareCodePoints(a, b)) === Math.sign(ref(a, b)),
      ),
    );
    expect(compareCodePoints("\u{1F600}", "\uFF01")).toBeGreaterThan(0); // UTF-16 order says the opposite
    expect("\u{1F600}" < "\uFF01").toBe(true);
  });

  it("lists folders recursively in code-point order of the relative path, files as given", () => {
    const d = join(tmp, "tree");
    for (const p of [
      "b/x.wav",
      "a.wav",
      "B.WAV",
      "a/z.png",
      "a/notes.txt",
      "\uFF01.npy",
      "\u{1F600}.npy",
      "a-b.jpg",
    ]) {
      mkdirSync(join(d, p, ".."), { recursive: true });
      writeFileSync(join(d, p), "x");
    }
    expect(listInputs([d, join(d, "a", "notes.txt")]).map((p) => p.slice(d.length + 1))).toEqual([
      "B.WAV",
      "a-b.jpg",
      "a.wav",
      "a/z.png",
      "b/x.wav",
      "\uFF01.npy",
      "\u{1F600}.npy",
      "a/notes.txt",
    ]);
    expect(() => listInputs([join(d, "missing")])).toThrow(ParameterError);
  });

  it("WAV gives a [channels, N] row; --length pads centred or keeps the first N", () => {
    const x = Float32Array.from({ length: 7 }, (_, i) => (i + 1) / 16);
    const y = Float32Array.from({ length: 7 }, (_, i) => -(i + 1) / 16);
    writeFileSync(join(tmp, "s.wav"), writeWav([x, y], { sampleRate: 8000 }));
    const read = (length?: number) => {
      const f = openInput(join(tmp, "s.wav"), { domain: "audio", length });
      const out = new Float32Array(f.shape[0] * f.shape[1]);
      f.read(0, 1, out);
      return { shape: f.shape, data: Array.from(out) };
    };
    expect(read()).toEqual({ shape: [2, 7], data: [...x, ...y] });
    expect(read(10)).toEqual({ shape: [2, 10], data: [0, ...x, 0, 0, 0, ...y, 0, 0] });
    expect(read(4)).toEqual({ shape: [2, 4], data: [...x.slice(0, 4), ...y.slice(0, 4)] });
  });

  it("NPY [n, ...sample] gives n rows, any supported dtype, big-endian too; non-finite values are named", () => {
    const write = (name: string, descr: string, shape: number[], body: Uint8Array) => {
      const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
      const len = Math.ceil((11 + dict.length) / 64) * 64;
      const h = new Uint8Array(len).fill(0x20);
      h.set([0x93, 78, 85, 77, 80, 89, 1, 0, (len - 10) & 255, (len - 10) >> 8]);
      h.set(new TextEncoder().encode(dict), 10);
      h[len - 1] = 10;
      const b = new Uint8Array(len + body.length);
      b.set(h);
      b.set(body, len);
      writeFileSync(join(tmp, name), b);
      return join(tmp, name);
    };
    const be = new Uint8Array(12);
    const v = new DataView(be.buffer);
    for (const [i, x] of [-3, 7, 300, 0, 1, -1].entries()) v.setInt16(2 * i, x, false);
    const f = openInput(write("be.npy", ">i2", [2, 3], be), { domain: "audio" });
    expect([f.rows, f.shape]).toEqual([2, [3]]);
    const out = new Float32Array(3);
    f.read(1, 2, out);
    expect(Array.from(out)).toEqual([0, 1, -1]);
    f.close();
    const nan = new Float64Array([1, 2, Number.NaN, 4]);
    expect(() =>
      openInput(write("nan.npy", "<f8", [2, 2], new Uint8Array(nan.buffer)), { domain: "image" }),
    ).toThrow(/non-finite value \(NaN\) in row 1/);
  });
});

describe("shards", () => {
  it("--shard I/N, JOB_COMPLETION_INDEX with --shards, Slurm array variables", () => {
    expect(resolveShard("2/5", undefined, {})).toEqual({ index: 2, count: 5, source: "--shard" });
    expect(resolveShard(undefined, 4, { JOB_COMPLETION_INDEX: "3" })).toEqual({
      index: 3,
      count: 4,
      source: "JOB_COMPLETION_INDEX",
    });
    expect(
      resolveShard(undefined, undefined, {
        SLURM_ARRAY_TASK_ID: "7",
        SLURM_ARRAY_TASK_MIN: "5",
        SLURM_ARRAY_TASK_COUNT: "3",
      }),
    ).toEqual({
      index: 2,
      count: 3,
      source: "SLURM_ARRAY_TASK_ID",
    });
    expect(resolveShard(undefined, undefined, {})).toBeNull();
    expect(resolveShard("1/2", undefined, { JOB_COMPLETION_INDEX: "0" })?.index).toBe(1);
    expect(() => resolveShard("5/5", undefined, {})).toThrow(/0 <= I < 5/);
    expect(() => resolveShard("1-2", undefined, {})).toThrow(ParameterError);
    expect(() => resolveShard(undefined, undefined, { JOB_COMPLETION_INDEX: "1" })).toThrow(/--shards/);
    expect(() =>
      resolveShard(undefined, undefined, {
        SLURM_ARRAY_TASK_ID: "8",
        SLURM_ARRAY_TASK_MIN: "0",
        SLURM_ARRAY_TASK_COUNT: "3",
      }),
    ).toThrow(/contiguous/);
    expect(() => resolveShard(undefined, 3, {})).toThrow(/JOB_COMPLETION_INDEX/);
  });

  it("shardRange: N contiguous parts covering every input once, split between pairs (2m, 2m+1), sizes differing by at most two (fast-check)", () => {
    fc.assert(
      fc.property(fc.nat(500), fc.integer({ min: 1, max: 40 }), (total, count) => {
        let next = 0;
        const sizes: number[] = [];
        for (let i = 0; i < count; i++) {
          const { start, end } = shardRange(total, i, count);
          expect(start).toBe(next);
          expect(start % 2 === 0 || start === total).toBe(true);
          next = end;
          sizes.push(end - start);
        }
        expect(next).toBe(total);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
      }),
    );
  });
});
