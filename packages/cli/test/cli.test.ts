// The built `scatterkit` bin run as separate processes: WAV and PNG folders into .npy files that
// numpy loads and that equal Scattering1D / Scattering2D forward; bad files named and skipped;
// N shards (--shard, JOB_COMPLETION_INDEX, Slurm variables) merged byte-identical to one run;
// Ctrl-C leaves a valid partial output and --resume (also after kill -9) gives the same bytes.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fitLength, readWav } from "@scatterkit/datasets";
import { Scattering1D, Scattering2D } from "@scatterkit/scattering";
import { encode as encodePng } from "fast-png";
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePng, parseNpyHeader } from "../src/index";
import { examples, hasNumpy, numpyLoad, readJson, relErr, runCli, startCli } from "./helpers";

const tmp = mkdtempSync(join(tmpdir(), "scatterkit-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fsddFiles = readdirSync(join(examples, "fsdd")).sort();
const pngFiles = readdirSync(join(examples, "fashion-mnist")).sort();

/** Grey Fashion-MNIST-like 28x28 PNGs made from the examples (rolled copies), for longer runs. */
function manyPngs(dir: string, n: number): string[] {
  mkdirSync(dir, { recursive: true });
  const base = pngFiles.map((f) => decodePng(readFileSync(join(examples, "fashion-mnist", f)), false).data);
  const names: string[] = [];
  for (let k = 0; k < n; k++) {
    const src = base[k % base.length];
    const px = new Uint8Array(784);
    for (let i = 0; i < 784; i++) px[i] = Math.round(src[(i + 29 * k) % 784] * 255);
    const name = `img-${String(k).padStart(4, "0")}.png`;
    writeFileSync(join(dir, name), encodePng({ width: 28, height: 28, data: px, depth: 8, channels: 1 }));
    names.push(name);
  }
  return names;
}

describe.skipIf(!hasNumpy)("scatterkit features (numpy: /usr/bin/python3 with numpy)", () => {
  it("a WAV folder: numpy loads rows equal to Scattering1D forward; bad files are named and skipped, the others kept", () => {
    const dir = join(tmp, "wav");
    mkdirSync(join(dir, "more"), { recursive: true });
    for (const f of fsddFiles) copyFileSync(join(examples, "fsdd", f), join(dir, f));
    const good = readFileSync(join(examples, "fsdd", fsddFiles[0]));
    writeFileSync(join(dir, "9_empty.wav"), new Uint8Array(0));
    writeFileSync(join(dir, "more", "cut.wav"), good.subarray(0, 1000));
    writeFileSync(join(dir, "8_text.wav"), "not audio at all");
    copyFileSync(join(examples, "fashion-mnist", pngFiles[0]), join(dir, "picture.png"));
    writeFileSync(join(dir, "notes.txt"), "ignored: not an input extension");
    const out = join(tmp, "wav.npy");
    const r = runCli([
      "features",
      "--transform",
      "scattering1d",
      "--J",
      "6",
      "--Q",
      "8",
      "--length",
      "8192",
      "--out",
      out,
      dir,
    ]);
    expect(r.status, r.stderr).toBe(0);
    for (const bad of [
      "9_empty.wav: is empty",
      "more/cut.wav: WAV data chunk is truncated",
      "8_text.wav: is not a WAV",
      "picture.png: is a PNG file",
    ]) {
      expect(r.stderr).toContain(`skipped ${dir}/${bad}`);
    }
    const json = readJson(out);
    expect(json.complete).toBe(true);
    expect(json.inputs.map((x: { file: string }) => x.file)).toEqual(fsddFiles.map((f) => `${dir}/${f}`));
    expect(json.inputs.map((x: { row: number }) => x.row)).toEqual(fsddFiles.map((_, i) => i));
    expect(json.skipped.map((s: { file: string }) => s.file)).toEqual([
      `${dir}/8_text.wav`,
      `${dir}/9_empty.wav`,
      `${dir}/more/cut.wav`,
      `${dir}/picture.png`,
    ]);
    expect(json.parameters).toMatchObject({ J: 6, Q: 8, length: 8192, features: "plain" });
    const S = new Scattering1D({ J: 6, Q: 8, shape: 8192 });
    const rowShape = S.outputShapeFor([1, 8192]);
    expect(json.rowShape).toEqual(rowShape);
    const np = numpyLoad(out);
    expect(np.dtype).toBe("float32");
    expect(np.shape).toEqual([fsddFiles.length, ...rowShape]);
    const rowSize = rowShape.reduce((a, b) => a * b, 1);
    fsddFiles.forEach((f, i) => {
      const x = Float32Array.from(fitLength(readWav(readFileSync(join(examples, "fsdd", f))).data[0], 8192));
      const want = S.forward({ data: x, shape: [1, 8192] }).data;
      expect(relErr(np.data.subarray(i * rowSize, (i + 1) * rowSize), want)).toBeLessThanOrEqual(1e-5);
    });
  });

  it("a PNG folder: rows equal Scattering2D forward; colour files differ in shape (skipped) unless --gray; --features log", () => {
    const dir = join(tmp, "png");
    mkdirSync(dir, { recursive: true });
    for (const f of pngFiles) copyFileSync(join(examples, "fashion-mnist", f), join(dir, f));
    const rgb = Uint8Array.from({ length: 28 * 28 * 3 }, (_, i) => (i * 7) % 256);
    writeFileSync(
      join(dir, "u-colour.png"),
      encodePng({ width: 28, height: 28, data: rgb, depth: 8, channels: 3 }),
    );
    const rgba = new Uint8Array(28 * 28 * 4).fill(90);
    writeFileSync(
      join(dir, "v-photo.jpg"),
      new Uint8Array(jpeg.encode({ data: rgba, width: 28, height: 28 }, 90).data),
    );
    writeFileSync(
      join(dir, "w-small.png"),
      encodePng({ width: 20, height: 28, data: new Uint8Array(560), depth: 8, channels: 1 }),
    );
    const S = new Scattering2D({ J: 2, shape: [28, 28], L: 8 });
    const rowSize = 81 * 7 * 7;
    const expectRows = (np: { data: Float32Array }, imgs: Float32Array[], log: boolean) => {
      imgs.forEach((x, i) => {
        let want = S.forward({ data: x, shape: [28, 28] }).data;
        if (log) want = want.map((v) => Math.log(Math.abs(v) + 1e-6));
        expect(relErr(np.data.subarray(i * rowSize, (i + 1) * rowSize), want)).toBeLessThanOrEqual(1e-5);
      });
    };
    const grey = pngFiles.map((f) => decodePng(readFileSync(join(examples, "fashion-mnist", f)), false).data);

    const out = join(tmp, "png.npy");
    const r = runCli(["features", "--transform", "scattering2d", "--J", "2", "--L", "8", "--out", out, dir]);
    expect(r.status, r.stderr).toBe(0);
    const json = readJson(out);
    expect(json.rows).toBe(pngFiles.length);
    expect(
      json.skipped.map((s: { file: string; reason: string }) => [s.file.slice(dir.length + 1), s.reason]),
    ).toEqual([
      ["u-colour.png", "has row shape [3, 28, 28], the run's is [28, 28]."],
      ["v-photo.jpg", "has row shape [3, 28, 28], the run's is [28, 28]."],
      ["w-small.png", "has row shape [28, 20], the run's is [28, 28]."],
    ]);
    const np = numpyLoad(out);
    expect(np.shape).toEqual([pngFiles.length, 81, 7, 7]);
    expectRows(np, grey, false);

    const outGray = join(tmp, "png-gray-log.npy");
    const g = runCli([
      "features",
      "--transform",
      "scattering2d",
      "--gray",
      "--features",
      "log",
      "--out",
      outGray,
      dir,
    ]);
    expect(g.status, g.stderr).toBe(0);
    const npg = numpyLoad(outGray);
    expect(npg.shape).toEqual([pngFiles.length + 2, 81, 7, 7]);
    const colour = decodePng(readFileSync(join(dir, "u-colour.png")), true).data;
    expectRows(npg, [...grey, colour], true);
    expect(readJson(outGray).skipped.length).toBe(1);
  });

  it("usage errors name the option, the value and what is allowed (exit 2)", () => {
    const cases: [string[], RegExp][] = [
      [
        ["features", "--transform", "wavelets", "--out", "x.npy", "."],
        /Invalid --transform: got "wavelets"; expected scattering1d, scattering2d, jtfs/,
      ],
      [
        ["features", "--transform", "scattering1d", "--L", "8", "--out", "x.npy", "."],
        /--L.*scattering1d takes --J, --Q, --T, --stride, --max-order/,
      ],
      [
        ["features", "--transform", "scattering2d", "--out", "x.npy", join(tmp, "nothing-here")],
        /Invalid INPUT/,
      ],
      [["features", "--transform", "scattering2d", "--shard", "3/3", "--out", "x.npy", "."], /0 <= I < 3/],
      [["frobnicate"], /Invalid command/],
      [
        ["features", "--transform", "scattering2d", "--bogus", "--out", "x.npy", "."],
        /Invalid option: got "--bogus"/,
      ],
    ];
    for (const [args, re] of cases) {
      const r = runCli(args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(re);
    }
  });

  it("N shards as separate processes (--shard, JOB_COMPLETION_INDEX, Slurm) merge into a .npy byte-identical to one run", async () => {
    const dir = join(tmp, "shards-in");
    manyPngs(dir, 23);
    writeFileSync(join(dir, "img-0003.png"), "broken"); // a bad file inside shard 0 (inputs 0..4)
    const common = ["features", "--transform", "scattering2d", "--J", "2", "--batch", "4"];
    const whole = join(tmp, "whole.npy");
    expect(runCli([...common, "--out", whole, dir]).status).toBe(0);
    const part = (k: number) => join(tmp, `part-${k}.npy`);
    const runs = [
      startCli([...common, "--shard", "0/4", "--out", part(0), dir]),
      startCli([...common, "--shards", "4", "--out", join(tmp, "part-{shard}.npy"), dir], {
        JOB_COMPLETION_INDEX: "1",
      }),
      startCli([...common, "--out", part(2), dir], {
        SLURM_ARRAY_TASK_ID: "3",
        SLURM_ARRAY_TASK_MIN: "1",
        SLURM_ARRAY_TASK_COUNT: "4",
      }),
      startCli([...common, "--shard", "3/4", "--out", part(3), dir]),
    ];
    const done = await Promise.all(runs.map((r) => r.done));
    for (const d of done) expect(d.code, d.stderr).toBe(0);
    expect(done[0].stderr).toContain("img-0003.png: is not a WAV, PNG, JPEG or NPY file");
    expect([0, 1, 2, 3].map((k) => readJson(part(k)).shard.index)).toEqual([0, 1, 2, 3]);
    const merged = join(tmp, "merged.npy");
    const m = runCli(["merge", "--out", merged, part(3), part(1), part(0), part(2)]);
    expect(m.status, m.stderr).toBe(0);
    expect(readFileSync(merged).equals(readFileSync(whole))).toBe(true);
    const mj = readJson(merged);
    const wj = readJson(whole);
    expect(mj.inputs).toEqual(wj.inputs);
    expect(mj.skipped).toEqual(wj.skipped);
    expect(mj.rows).toBe(22);
    // a missing or repeated shard is refused
    expect(runCli(["merge", "--out", join(tmp, "bad.npy"), part(0), part(1), part(3)]).stderr).toMatch(
      /missing shard\(s\) 2/,
    );
    expect(
      runCli(["merge", "--out", join(tmp, "bad.npy"), part(0), part(1), part(1), part(2), part(3)]).stderr,
    ).toMatch(/each shard once/);
  });

  it("Ctrl-C leaves a valid partial .npy (header = JSON rows); --resume, also after kill -9, gives the same bytes", async () => {
    const dir = join(tmp, "resume-in");
    manyPngs(dir, 400);
    const common = [
      "features",
      "--transform",
      "scattering2d",
      "--J",
      "2",
      "--batch",
      "2",
      "--checkpoint",
      "0",
    ];
    const whole = join(tmp, "resume-whole.npy");
    expect(runCli([...common, "--out", whole, dir]).status).toBe(0);
    const rowBytes = 4 * 81 * 49;

    for (const signal of ["SIGINT", "SIGKILL"] as const) {
      const out = join(tmp, `resume-${signal}.npy`);
      const run = startCli([...common, "--out", out, dir]);
      // wait for some checkpointed rows, then stop the run
      for (let t = 0; t < 2400; t++) {
        await new Promise((r) => setTimeout(r, 50));
        try {
          if (readJson(out).rows >= 40) break;
        } catch {
          // not written yet (or being renamed)
        }
      }
      run.child.kill(signal);
      const d = await run.done;
      const json = readJson(out);
      expect(json.rows).toBeGreaterThan(0);
      expect(json.rows).toBeLessThan(400);
      if (signal === "SIGINT") {
        expect(d.code, d.stderr).toBe(130);
        expect(d.stderr).toContain("--resume");
        expect(json.complete).toBe(false);
        const bytes = readFileSync(out);
        const info = parseNpyHeader(bytes.subarray(0, 4096), bytes.length);
        expect(info.shape).toEqual([json.rows, 81, 7, 7]);
        expect(bytes.length).toBe(info.dataOffset + json.rows * rowBytes);
        const np = numpyLoad(out);
        expect(np.shape[0]).toBe(json.rows);
        expect(
          Buffer.from(np.data.buffer).equals(
            readFileSync(whole).subarray(info.dataOffset, info.dataOffset + json.rows * rowBytes),
          ),
        ).toBe(true);
      } else {
        expect(d.signal).toBe("SIGKILL");
        expect(statSync(out).size).toBeGreaterThanOrEqual(json.rows * rowBytes);
      }
      const r = runCli([...common, "--resume", "--out", out, dir]);
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(out).equals(readFileSync(whole))).toBe(true);
      const rj = readJson(out);
      expect(rj.complete).toBe(true);
      expect(rj.inputs).toEqual(readJson(whole).inputs);
    }
    // a different run is not resumed into the file
    const again = runCli([
      "features",
      "--transform",
      "scattering2d",
      "--J",
      "1",
      "--resume",
      "--out",
      whole,
      dir,
    ]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/Invalid --resume/);
  });
});

beforeAll(() => {
  // the process tests run the built bin (pnpm build): make a stale build visible
  const src = statSync(join(__dirname, "..", "src", "features.ts")).mtimeMs;
  const built = statSync(join(__dirname, "..", "dist", "bin.js")).mtimeMs;
  if (built < src) console.warn("packages/cli/dist is older than src: run pnpm build");
});
