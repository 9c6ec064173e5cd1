// The examples of this package's README and of the root README's first example run as written
// (with the command pointing at the built bin and the output files in a temporary folder).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runReadmeExample } from "@scatterkit/vitest-config/readme";
import { afterAll, expect, it } from "vitest";
import * as cli from "../src/index";
import { pkgDir, readJson, runCli } from "./helpers";

const tmp = mkdtempSync(join(tmpdir(), "scatterkit-cli-readme-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The command lines of the first ```sh block after `marker` that start with `prefix`. */
function commands(readme: string, marker: string, prefix: string): string[][] {
  const text = readFileSync(readme, "utf8");
  const at = text.indexOf(marker);
  expect(at, `${marker} in ${readme}`).toBeGreaterThanOrEqual(0);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  expect(block).not.toBeNull();
  return (block as RegExpExecArray)[1]
    .split("\n")
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.replace(/#.*$/, "").trim().slice(prefix.length).trim().split(/\s+/));
}

/** Runs one command with its --out moved into the temporary folder; returns the output path. */
function run(args: string[], cwd: string): string {
  const i = args.indexOf("--out");
  const out = join(tmp, args[i + 1]);
  const r = runCli([...args.slice(0, i + 1), out, ...args.slice(i + 2)], {}, cwd);
  expect(r.status, r.stderr).toBe(0);
  return out;
}

it("packages/cli README: the two example lines write 8 image rows [81, 7, 7] and 6 audio rows [1, 126, 128]", () => {
  const lines = commands(join(pkgDir, "README.md"), "<!-- example: cli -->", "scatterkit ");
  expect(lines.length).toBe(2);
  const outs = lines.map((l) => run(l, pkgDir));
  expect([readJson(outs[0]).rows, readJson(outs[0]).rowShape]).toEqual([8, [81, 7, 7]]);
  expect([readJson(outs[1]).rows, readJson(outs[1]).rowShape]).toEqual([6, [1, 126, 128]]);
  expect(readJson(outs[0]).skipped).toEqual([]);
});

it("root README: the first example (two CLI lines from the repository root) runs", () => {
  const root = resolve(pkgDir, "..", "..");
  const lines = commands(
    join(root, "README.md"),
    "<!-- example: cli-quick-start -->",
    "node packages/cli/dist/bin.js ",
  );
  expect(lines.length).toBe(2);
  for (const l of lines) {
    const out = run(l, root);
    expect(readJson(out).rows).toBeGreaterThan(0);
    expect(readJson(out).skipped).toEqual([]);
  }
});

it("packages/cli README: the TypeScript example prints what it promises", () => {
  const fs = { readFileSync: (p: string) => readFileSync(join(pkgDir, p)) };
  const r = runReadmeExample(join(pkgDir, "README.md"), "<!-- section: api -->", {
    "@scatterkit/cli": cli,
    "node:fs": fs,
  });
  expect(r.printed).toEqual(r.promised);
  expect(r.printed.length).toBe(3);
});
