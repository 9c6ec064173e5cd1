// The one tsup configuration of every public @scatterkit package (each package's
// tsup.config.ts calls `libraryConfig`). It builds, from src/index.ts:
//   dist/index.js + dist/index.d.ts        ESM for Node.js (`import`)
//   dist/index.cjs + dist/index.d.cts      CommonJS for Node.js (`require`)
//   dist/index.browser.js / .browser.cjs   the browser / Web Worker build: a source file `x.ts`
//                                           with a sibling `x.browser.ts` is replaced by it, and
//                                           Node built-ins are refused (or replaced by `browserStubs`)
// with class names kept (`keepNames`: no `_Scattering2D`), no source maps, `node:` specifiers
// kept, and, when `workerEntry` is given, the text of that worker script embedded in place of
// `src/parallel/worker-source.ts` (see worker-bundle.mjs).
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { browserVariants, bundleWorker } from "./worker-bundle.mjs";

/**
 * esbuild plugin for the browser build: a `node:` (or bare built-in) import is replaced by the
 * module text in `stubs`, or fails the build: nothing Node-only may reach the browser entry.
 */
function noNodeBuiltins(stubs) {
  const builtins =
    /^(node:)?(fs|path|url|os|zlib|worker_threads|child_process|crypto|module|util|stream|buffer)(\/.*)?$/;
  return {
    name: "scatterkit-no-node-builtins",
    setup(build) {
      build.onResolve({ filter: builtins }, (args) => {
        const key = args.path.startsWith("node:") ? args.path : `node:${args.path}`;
        if (stubs[key] !== undefined) return { path: key, namespace: "scatterkit-stub" };
        return {
          errors: [
            {
              text: `${args.path} (a Node.js built-in) is imported by ${args.importer}: give it a .browser.ts variant or a stub`,
            },
          ],
        };
      });
      build.onLoad({ filter: /.*/, namespace: "scatterkit-stub" }, (args) => ({
        contents: stubs[args.path],
        loader: "ts",
        resolveDir: process.cwd(),
      }));
    },
  };
}

/** esbuild plugin: src/parallel/worker-source.ts becomes `export const WORKER_SOURCE = "<script>"`. */
function embedWorker(entry) {
  let text;
  return {
    name: "scatterkit-embed-worker",
    setup(build) {
      build.onLoad({ filter: /[\\/]parallel[\\/]worker-source\.ts$/ }, async () => {
        text ??= bundleWorker(entry);
        return {
          contents: `export const WORKER_SOURCE: string | undefined = ${JSON.stringify(await text)};`,
          loader: "ts",
        };
      });
    },
  };
}

/**
 * tsup options of one library package (run from the package folder).
 * @param {{ workerEntry?: string, browserStubs?: Record<string, string> }} [opts]
 *   workerEntry: path (from the package folder) of the worker script to embed;
 *   browserStubs: module text replacing a Node built-in in the browser build, by `node:` name.
 */
export function libraryConfig(opts = {}) {
  // Clean once here: the two builds below share dist/ and run concurrently.
  rmSync(join(process.cwd(), "dist"), { recursive: true, force: true });
  const embed = opts.workerEntry ? [embedWorker(resolve(process.cwd(), opts.workerEntry))] : [];
  const common = {
    entry: { index: "src/index.ts" },
    outDir: "dist",
    target: "es2022",
    keepNames: true,
    sourcemap: false,
    clean: false,
    removeNodeProtocol: false,
    splitting: false,
    shims: false,
  };
  return [
    { ...common, format: ["esm", "cjs"], platform: "node", dts: true, esbuildPlugins: [...embed] },
    {
      ...common,
      format: ["esm", "cjs"],
      platform: "browser",
      dts: false,
      outExtension: ({ format }) => ({ js: format === "cjs" ? ".browser.cjs" : ".browser.js" }),
      esbuildPlugins: [browserVariants(), noNodeBuiltins(opts.browserStubs ?? {}), ...embed],
    },
  ];
}

export const toolingDir = dirname(new URL(import.meta.url).pathname);
