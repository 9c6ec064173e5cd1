// Builds a package's worker entry (e.g. packages/scattering/src/parallel/worker-main.ts) into
// one self-contained script (IIFE, minified, class names kept) whose text the library embeds:
// the worker pool starts its workers from that text (Node.js: `new Worker(text, { eval: true })`,
// browsers: a module Web Worker from a Blob URL), so a worker never loads the application's
// own files, whatever bundler or install path the application uses.
// Used by the tsup configs (tooling/build/tsup-preset.mjs) and by tests that run the sources.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** esbuild as tsup ships it (the workspace root declares tsup, not esbuild). */
export function loadEsbuild() {
  const fromTsup = createRequire(createRequire(join(root, "package.json")).resolve("tsup"));
  return fromTsup("esbuild");
}

/** esbuild plugin: `@scatterkit/<name>` resolves to packages/<name>/src/index.ts (the sources). */
export function workspaceSourcesPlugin() {
  return {
    name: "scatterkit-workspace-sources",
    setup(build) {
      build.onResolve({ filter: /^@scatterkit\/[a-z0-9-]+$/ }, (args) => {
        const entry = join(root, "packages", args.path.slice("@scatterkit/".length), "src", "index.ts");
        return existsSync(entry) ? { path: entry } : undefined;
      });
    },
  };
}

/** esbuild plugin: `./x` resolving to `x.ts` uses `x.browser.ts` when that file exists. */
export function browserVariants() {
  return {
    name: "scatterkit-browser-variants",
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const base = resolve(args.resolveDir, args.path).replace(/\.(ts|js)$/, "");
        const alt = `${base}.browser.ts`;
        return existsSync(alt) ? { path: alt } : undefined;
      });
    },
  };
}

/**
 * The text of the worker script built from `entry` (everything bundled, sibling packages from
 * their sources). Platform "node" only keeps `require("node:worker_threads")` unresolved: the
 * script calls it only where `require` exists (Node.js eval workers), never in a browser.
 * Files with a `.browser.ts` variant use it (a worker never starts workers of its own, so
 * the Node.js side of the pool is left out of the script).
 * @param {string} entry absolute path of the worker entry
 * @returns {Promise<string>}
 */
export async function bundleWorker(entry) {
  const esbuild = loadEsbuild();
  const r = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "iife",
    platform: "node",
    target: "es2020",
    minify: true,
    keepNames: true,
    legalComments: "none",
    plugins: [browserVariants(), workspaceSourcesPlugin()],
    logLevel: "silent",
  });
  return r.outputFiles[0].text;
}
