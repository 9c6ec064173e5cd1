import { rmSync } from "node:fs";
import { defineConfig } from "tsup";

// @scatterkit/cli is Node.js only (it reads and writes files, starts worker threads through
// @scatterkit/scattering): ESM + CJS library entry with .d.ts/.d.cts, and the ESM `scatterkit`
// bin, and a `default` entry for other runtimes that throws a clear error. No browser build (see ../../tooling/build/tsup-preset.mjs for the library packages').
rmSync("dist", { recursive: true, force: true });
const common = {
  outDir: "dist",
  target: "es2022",
  platform: "node",
  keepNames: true,
  sourcemap: false,
  clean: false,
  removeNodeProtocol: false,
  splitting: false,
  shims: true, // import.meta.url in the CJS build (package versions are read with createRequire)
} as const;
export default defineConfig([
  { ...common, entry: { index: "src/index.ts" }, format: ["esm", "cjs"], dts: true },
  { ...common, entry: { bin: "src/bin.ts" }, format: ["esm"], dts: false },
  // what non-Node runtimes resolve (`default` condition): throws "needs Node.js", imports nothing
  {
    ...common,
    entry: { unsupported: "src/unsupported.ts" },
    format: ["esm", "cjs"],
    dts: false,
    shims: false,
  },
]);
