import { defineConfig } from "tsup";
import { libraryConfig } from "../../tooling/build/tsup-preset.mjs";

// ESM + CJS for Node.js, a browser build, .d.ts + .d.cts (see tooling/build/tsup-preset.mjs).
export default defineConfig(libraryConfig());
