import { defineConfig } from "tsup";
import { libraryConfig } from "../../tooling/build/tsup-preset.mjs";

// ESM + CJS for Node.js, a browser build, .d.ts + .d.cts; the worker script
// (src/parallel/worker-main.ts) is embedded as text for the worker pool.
export default defineConfig(libraryConfig({ workerEntry: "src/parallel/worker-main.ts" }));
