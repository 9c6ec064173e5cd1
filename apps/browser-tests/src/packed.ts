/**
 * Packs every public @scatterkit package with `pnpm pack` (as `pnpm publish` would, with
 * `workspace:*` replaced by versions) and installs the tarballs together into an empty app
 * outside the workspace with npm, the way a user gets them.
 */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Packed {
  /** Folder holding `tarballs/` and `app/`. */
  dir: string;
  /** The app with every package installed from its tarball (node_modules/@scatterkit/*). */
  app: string;
  /** Package name -> tarball path. */
  tarballs: Record<string, string>;
}

/** The public packages of the workspace at `root`: name and folder. */
export function publicPackages(root: string): { name: string; dir: string; version: string }[] {
  const base = join(root, "packages");
  return readdirSync(base)
    .filter((d) => existsSync(join(base, d, "package.json")))
    .map((d) => ({ d, pkg: JSON.parse(readFileSync(join(base, d, "package.json"), "utf8")) }))
    .filter(({ pkg }) => !pkg.private)
    .map(({ d, pkg }) => ({ name: pkg.name as string, dir: join(base, d), version: pkg.version as string }));
}

export const run = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string =>
  execFileSync(cmd, args, {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });

/**
 * `pnpm pack`s each package of `root` into its own folder under dir/tarballs (their dist/ must
 * be built), three at a time.
 */
export async function packAll(root: string, dir: string): Promise<Record<string, string>> {
  const out = join(dir, "tarballs");
  const pkgs = publicPackages(root);
  for (const p of pkgs) {
    if (!existsSync(join(p.dir, "dist", "index.js")))
      throw new Error(`${p.dir}/dist is missing: run pnpm build`);
  }
  const tarballs: Record<string, string> = {};
  const exec = promisify(execFile);
  const queue = [...pkgs];
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const dest = join(out, p.name.replace("/", "__"));
      mkdirSync(dest, { recursive: true });
      await exec("pnpm", ["pack", "--pack-destination", dest], { cwd: p.dir });
      const made = readdirSync(dest).filter((f) => f.endsWith(".tgz"));
      if (made.length !== 1) throw new Error(`pnpm pack of ${p.name} produced ${made.length} tarballs`);
      tarballs[p.name] = join(dest, made[0]);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return Object.fromEntries(Object.entries(tarballs).sort(([a], [b]) => a.localeCompare(b)));
}

/** Installs every tarball into a new app folder `app` with npm (registry only for third-party deps). */
export function installApp(app: string, tarballs: Record<string, string>): void {
  mkdirSync(app, { recursive: true });
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "packed-app", private: true, version: "1.0.0" }),
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...Object.values(tarballs)], app);
}
