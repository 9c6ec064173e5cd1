#!/usr/bin/env node
// Release dry run (pnpm release:check): on a clean clone of the committed tree,
//   1. pnpm install --frozen-lockfile --offline, `changeset status` (every changeset parses),
//   2. `changeset version` (versions and CHANGELOG.md of every package),
//   3. the dist/ of each package (copied from the workspace when built there, else `pnpm build`),
//   4. `pnpm pack` of every public package, then checks: every version past 0.0.0, a
//      CHANGELOG.md per package (in its tarball too), every @scatterkit dependency of a tarball
//      pinned to the version the release gives it, and all tarballs installing together with
//      npm into an empty app where each package loads with import and require.
// Prints one JSON line {"ok": true, "versions": {...}, ...}; exits non-zero on any failure.
// Usage: node apps/browser-tests/src/release-dry-run.mjs [--keep] [--build]
import { execFile, execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const keep = process.argv.includes("--keep");
const forceBuild = process.argv.includes("--build");
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 26 });

const work = mkdtempSync(join(tmpdir(), "scatterkit-release-"));
const clone = join(work, "clone");
const problems = [];
const timings = {};
const step = (name, f) => {
  const t0 = Date.now();
  try {
    return f();
  } finally {
    timings[name] = Date.now() - t0;
  }
};
try {
  step("clone", () => run("git", ["clone", "--quiet", "--no-hardlinks", root, clone], work));
  step("install", () =>
    run("pnpm", ["install", "--frozen-lockfile", "--offline", "--ignore-scripts"], clone),
  );
  step("status", () => run("pnpm", ["exec", "changeset", "status"], clone));
  const pkgs = readdirSync(join(clone, "packages"))
    .filter((d) => existsSync(join(clone, "packages", d, "package.json")))
    .map((d) => ({
      d,
      dir: join(clone, "packages", d),
      pkg: JSON.parse(readFileSync(join(clone, "packages", d, "package.json"), "utf8")),
    }))
    .filter((p) => !p.pkg.private);
  step("version", () => run("pnpm", ["exec", "changeset", "version"], clone));
  const versions = {};
  for (const p of pkgs) {
    p.pkg = JSON.parse(readFileSync(join(p.dir, "package.json"), "utf8"));
    versions[p.pkg.name] = p.pkg.version;
    if (p.pkg.version === "0.0.0") problems.push(`${p.pkg.name} is still 0.0.0 (no changeset for it?)`);
    if (!existsSync(join(p.dir, "CHANGELOG.md"))) problems.push(`${p.pkg.name} has no CHANGELOG.md`);
  }
  const left = readdirSync(join(clone, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
  if (left.length) problems.push(`changesets left after version: ${left.join(", ")}`);
  step("dist", () => {
    const built = pkgs.every((p) => existsSync(join(root, "packages", p.d, "dist", "index.js")));
    if (built && !forceBuild) {
      for (const p of pkgs)
        cpSync(join(root, "packages", p.d, "dist"), join(p.dir, "dist"), { recursive: true });
    } else run("pnpm", ["exec", "turbo", "run", "build", "--filter=./packages/*"], clone);
  });
  const tarDir = join(work, "tarballs");
  mkdirSync(tarDir);
  const tarballs = {};
  const t0 = Date.now();
  const exec = promisify(execFile);
  const queue = [...pkgs];
  const packOne = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const dest = join(tarDir, p.d);
      mkdirSync(dest);
      await exec("pnpm", ["pack", "--pack-destination", dest], { cwd: p.dir });
      tarballs[p.pkg.name] = join(dest, readdirSync(dest)[0]);
    }
  };
  await Promise.all([packOne(), packOne(), packOne()]);
  timings.pack = Date.now() - t0;
  for (const p of pkgs) {
    const made = tarballs[p.pkg.name].split("/").pop();
    const files = run("tar", ["tzf", tarballs[p.pkg.name]], work).split("\n");
    if (!files.includes("package/CHANGELOG.md")) problems.push(`${made} has no CHANGELOG.md`);
    if (files.some((f) => f.endsWith(".map"))) problems.push(`${made} ships source maps`);
    const manifest = JSON.parse(run("tar", ["xzOf", tarballs[p.pkg.name], "package/package.json"], work));
    if (manifest.version !== versions[p.pkg.name]) problems.push(`${made}: version ${manifest.version}`);
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      if (!dep.startsWith("@scatterkit/")) continue;
      if (range !== versions[dep])
        problems.push(`${made}: dependency ${dep}@${range}, release has ${versions[dep]}`);
    }
  }
  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "release-check", private: true, version: "1.0.0" }),
  );
  step("npm-install", () =>
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...Object.values(tarballs)], app),
  );
  const names = Object.keys(tarballs);
  writeFileSync(
    join(app, "load.mjs"),
    names.map((n, i) => `import * as m${i} from "${n}";`).join("\n") +
      `\nconsole.log(JSON.stringify([${names.map((_, i) => `Object.keys(m${i}).length`).join(",")}]));\n`,
  );
  writeFileSync(
    join(app, "load.cjs"),
    `console.log(JSON.stringify(${JSON.stringify(names)}.map((n) => Object.keys(require(n)).length)));\n`,
  );
  const esm = JSON.parse(run(process.execPath, ["load.mjs"], app));
  const cjs = JSON.parse(run(process.execPath, ["load.cjs"], app));
  names.forEach((n, i) => {
    if (!(esm[i] > 0 && cjs[i] === esm[i]))
      problems.push(`${n}: ${esm[i]} ESM exports, ${cjs[i]} CJS exports`);
  });
  // one copy of each @scatterkit package: the tarballs resolved each other
  const nested = run(
    "find",
    [
      join(app, "node_modules"),
      "-mindepth",
      "3",
      "-path",
      "*node_modules/@scatterkit/*",
      "-name",
      "package.json",
    ],
    app,
  )
    .split("\n")
    .filter((f) => /node_modules\/@scatterkit\/[^/]+\/node_modules\/@scatterkit\//.test(f));
  if (nested.length) problems.push(`nested copies: ${nested.join(", ")}`);
  console.log(
    JSON.stringify({ ok: problems.length === 0, versions, problems, timings, work: keep ? work : undefined }),
  );
} catch (e) {
  problems.push(`${e.message}\n${e.stderr ?? ""}${e.stdout ?? ""}`);
  console.log(JSON.stringify({ ok: false, problems, timings }));
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
process.exitCode = problems.length ? 1 : 0;
