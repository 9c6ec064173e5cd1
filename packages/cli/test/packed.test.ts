// The CLI as a user gets it: `pnpm pack` of @scatterkit/cli and of every @scatterkit package it
// depends on (transitively; their dist/ must be built), installed with npm into an empty folder
// outside the workspace, then the installed `scatterkit` bin featurises the example WAV and PNG
// folders into .npy files byte-identical to the workspace build's.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import { cleanEnv, examples, hasNumpy, numpyLoad, pkgDir, runCli } from "./helpers";

const packagesDir = resolve(pkgDir, "..");
const tmp = mkdtempSync(join(tmpdir(), "scatterkit-cli-packed-"));
afterAll(() => {
  if (!process.env.SCATTERKIT_KEEP_PACKED) rmSync(tmp, { recursive: true, force: true });
});

/** Folder name of every workspace package by package name. */
function workspacePackages(): Map<string, string> {
  const m = new Map<string, string>();
  for (const d of readdirSync(packagesDir)) {
    const f = join(packagesDir, d, "package.json");
    if (existsSync(f)) m.set(JSON.parse(readFileSync(f, "utf8")).name, join(packagesDir, d));
  }
  return m;
}

it("packed tarballs installed into an empty folder: the scatterkit bin writes the same .npy bytes", () => {
  const ws = workspacePackages();
  const need = new Set<string>();
  const visit = (name: string) => {
    if (need.has(name)) return;
    need.add(name);
    const deps =
      JSON.parse(readFileSync(join(ws.get(name) as string, "package.json"), "utf8")).dependencies ?? {};
    for (const d of Object.keys(deps)) if (ws.has(d)) visit(d);
  };
  visit("@scatterkit/cli");
  const tarballs = join(tmp, "tarballs");
  mkdirSync(tarballs);
  const files: string[] = [];
  for (const name of need) {
    const dir = ws.get(name) as string;
    if (!existsSync(join(dir, "dist", "index.js"))) throw new Error(`${dir}/dist is missing: run pnpm build`);
    const out = execFileSync("pnpm", ["pack", "--pack-destination", tarballs], {
      cwd: dir,
      encoding: "utf8",
    });
    const tgz = out.trim().split("\n").pop() as string;
    files.push(tgz.startsWith("/") ? tgz : join(tarballs, tgz));
  }
  expect(files.length).toBe(need.size);
  const app = join(tmp, "app");
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "cli-user", private: true, version: "1.0.0" }),
  );
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...files], {
    cwd: app,
    env: cleanEnv(),
    stdio: "pipe",
  });
  const installed = join(app, "node_modules", ".bin", "scatterkit");
  expect(existsSync(installed)).toBe(true);

  for (const [transform, folder, extra] of [
    ["scattering1d", "fsdd", ["--length", "8192"]],
    ["scattering2d", "fashion-mnist", []],
  ] as const) {
    const args = ["features", "--transform", transform, ...extra, "--quiet"];
    const mine = join(tmp, `${folder}-installed.npy`);
    execFileSync(installed, [...args, "--out", mine, join(examples, folder)], {
      cwd: app,
      env: cleanEnv(),
      stdio: "pipe",
    });
    const ref = join(tmp, `${folder}-workspace.npy`);
    expect(runCli([...args, "--out", ref, join(examples, folder)]).status).toBe(0);
    expect(readFileSync(mine).equals(readFileSync(ref))).toBe(true);
    const json = JSON.parse(readFileSync(`${mine}.json`, "utf8"));
    expect(json.rows).toBe(readdirSync(join(examples, folder)).length);
    expect(json.versions["@scatterkit/cli"]).toMatch(/^\d+\.\d+\.\d+/);
    if (hasNumpy) expect(numpyLoad(mine).shape[0]).toBe(json.rows);
  }
  // the library entry resolves from CommonJS and ESM too
  const cjs = execFileSync(
    process.execPath,
    ["-e", "console.log(typeof require('@scatterkit/cli').runFeatures)"],
    { cwd: app, encoding: "utf8" },
  );
  const esm = execFileSync(
    process.execPath,
    ["--input-type=module", "-e", "import('@scatterkit/cli').then(m => console.log(typeof m.runMerge))"],
    { cwd: app, encoding: "utf8" },
  );
  expect([cjs.trim(), esm.trim()]).toEqual(["function", "function"]);
}, 600_000);
