import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ParameterError } from "@scatterkit/core";
import { describe, expect, it } from "vitest";
import { fitLength, loadFsdd, loadMnistLike, writeIdx, writeWav } from "../src/index";

const SHARED = join(__dirname, "..", "..", "..", "..", "shared", "datasets");

function fakeMnist(n: number, labelsN = n): string {
  const dir = mkdtempSync(join(tmpdir(), "mnist-"));
  const img = new Uint8Array(n * 4 * 3).map((_, i) => i % 256);
  const lbl = new Uint8Array(labelsN).map((_, i) => i % 10);
  writeFileSync(
    join(dir, "train-images-idx3-ubyte.gz"),
    gzipSync(writeIdx({ type: "uint8", shape: [n, 4, 3], data: img })),
  );
  writeFileSync(
    join(dir, "train-labels-idx1-ubyte.gz"),
    gzipSync(writeIdx({ type: "uint8", shape: [labelsN], data: lbl })),
  );
  // raw (uncompressed) test split with the older dotted names
  writeFileSync(
    join(dir, "t10k-images.idx3-ubyte"),
    writeIdx({ type: "uint8", shape: [2, 4, 3], data: img.slice(0, 24) }),
  );
  writeFileSync(
    join(dir, "t10k-labels.idx1-ubyte"),
    writeIdx({ type: "uint8", shape: [2], data: lbl.slice(0, 2) }),
  );
  return dir;
}

describe("loadMnistLike", () => {
  it("loads gz and raw splits, with a limit", () => {
    const dir = fakeMnist(5);
    const tr = loadMnistLike(dir, { kind: "train" });
    expect([tr.count, tr.rows, tr.cols]).toEqual([5, 4, 3]);
    expect(tr.images[13]).toBe(13);
    expect(Array.from(tr.labels)).toEqual([0, 1, 2, 3, 4]);
    const te = loadMnistLike(dir, { kind: "test" });
    expect(te.count).toBe(2);
    const lim = loadMnistLike(dir, { kind: "train", limit: 3 });
    expect(lim.count).toBe(3);
    expect(lim.images.length).toBe(36);
  });

  it("gives clear errors", () => {
    expect(() => loadMnistLike(fakeMnist(5, 4), { kind: "train" })).toThrow(/5 images but .* 4 labels/);
    expect(() => loadMnistLike(tmpdir(), { kind: "train" })).toThrow(/No images file for the train split/);
    expect(() => loadMnistLike("/no/such/dir", { kind: "test" })).toThrow(/does not exist/);
    // @ts-expect-error invalid kind
    expect(() => loadMnistLike(tmpdir(), { kind: "validation" })).toThrow(/Invalid kind: got "validation"/);
    // options are checked by @scatterkit/core's checkOptions / checkInteger (ParameterError)
    expect(() => loadMnistLike(tmpdir(), undefined as never)).toThrow(ParameterError);
    expect(() => loadMnistLike(tmpdir(), null as never)).toThrow(
      /Invalid options: got null; expected an options object/,
    );
    expect(() => loadMnistLike(tmpdir(), { kind: "test", limit: 0 })).toThrow(
      "Invalid limit: got 0; expected an integer >= 1.",
    );
    expect(() => loadFsdd(tmpdir(), null as never)).toThrow(ParameterError);
    expect(() => loadFsdd(tmpdir(), { testPerBlock: -1 })).toThrow(
      "Invalid testPerBlock: got -1; expected an integer >= 0.",
    );
    expect(() => loadFsdd(tmpdir(), { maxIndex: 0.5 })).toThrow(/Invalid maxIndex: got 0\.5/);
    expect(() => writeWav([[0]], undefined as never)).toThrow(/Invalid options: got undefined/);
    expect(() => writeWav([[0]], { sampleRate: 8000.5 })).toThrow(/Invalid sampleRate: got 8000\.5/);
  });

  for (const name of ["fashion-mnist", "mnist"]) {
    const dir = join(SHARED, name);
    it.skipIf(!existsSync(dir))(`reads the real ${name} (skipped when ../shared/datasets is absent)`, () => {
      const te = loadMnistLike(dir, { kind: "test" });
      expect([te.count, te.rows, te.cols]).toEqual([10000, 28, 28]);
      const hist = new Array(10).fill(0);
      for (const l of te.labels) hist[l]++;
      expect(hist).toEqual(
        name === "fashion-mnist"
          ? new Array(10).fill(1000)
          : [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
      );
      // first test labels: MNIST starts 7 2 1 0; Fashion-MNIST 9 2 1 1
      expect(Array.from(te.labels.subarray(0, 4))).toEqual(name === "mnist" ? [7, 2, 1, 0] : [9, 2, 1, 1]);
    });
  }
});

describe("loadFsdd", () => {
  it("splits each (digit, speaker) block: index < 5 is test", () => {
    const root = mkdtempSync(join(tmpdir(), "fsdd-"));
    const rec = join(root, "recordings");
    mkdirSync(rec);
    for (const sp of ["bob", "al"]) {
      for (const d of [3, 1]) {
        for (let i = 0; i < 7; i++) {
          writeFileSync(
            join(rec, `${d}_${sp}_${i}.wav`),
            writeWav([[0.5, -0.25, i / 10]], { sampleRate: 8000 }),
          );
        }
      }
    }
    writeFileSync(join(rec, "README.txt"), "not a recording");
    const data = loadFsdd(root);
    expect(data.sampleRate).toBe(8000);
    expect(data.test.files.length).toBe(20);
    expect(data.train.files.length).toBe(8);
    expect(data.test.files[0]).toBe("1_al_0.wav");
    expect(data.train.files).toEqual([
      "1_al_5.wav",
      "1_al_6.wav",
      "3_al_5.wav",
      "3_al_6.wav",
      "1_bob_5.wav",
      "1_bob_6.wav",
      "3_bob_5.wav",
      "3_bob_6.wav",
    ]);
    expect(Array.from(data.train.labels)).toEqual([1, 1, 3, 3, 1, 1, 3, 3]);
    expect(data.train.signals[1][2]).toBeCloseTo(0.6, 4);
    // the folder itself works too, and maxIndex subsets
    expect(loadFsdd(rec, { maxIndex: 6 }).train.files.length).toBe(4);
  });

  it("reports the file of a malformed recording", () => {
    const rec = mkdtempSync(join(tmpdir(), "fsdd-"));
    writeFileSync(join(rec, "0_x_0.wav"), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    expect(() => loadFsdd(rec)).toThrow(/0_x_0\.wav: Not a WAV file/);
    expect(() => loadFsdd(`${tmpdir()}/nope`)).toThrow(/does not exist/);
  });

  const real = join(SHARED, "fsdd");
  it.skipIf(!existsSync(real))(
    "reads the real FSDD: 2700 train, 300 test at 8 kHz (skipped when absent)",
    () => {
      const data = loadFsdd(real);
      expect(data.sampleRate).toBe(8000);
      expect(data.train.signals.length).toBe(2700);
      expect(data.test.signals.length).toBe(300);
      expect(new Set(data.train.speakers).size).toBe(6);
      for (const s of data.test.signals) expect(s.length).toBeGreaterThan(1000);
    },
  );
});

describe("fitLength", () => {
  it("truncates the tail and centres short signals (Kymatio's example)", () => {
    expect(Array.from(fitLength([1, 2, 3, 4, 5], 3))).toEqual([1, 2, 3]);
    expect(Array.from(fitLength([1, 2], 5))).toEqual([0, 1, 2, 0, 0]);
    expect(Array.from(fitLength([1, -4], 4, { normalize: true }))).toEqual([0, 0.25, -1, 0]);
    expect(() => fitLength([1], 0)).toThrow(/Invalid length: got 0/);
  });
});
