import { defineConfig } from "tsup";
import { libraryConfig } from "../../tooling/build/tsup-preset.mjs";

// ESM + CJS for Node.js, a browser build, .d.ts + .d.cts (see tooling/build/tsup-preset.mjs).
// In the browser build the parsers (readIdx / readWav of bytes, writeIdx, writeWav, fitLength)
// work as in Node.js; what reads the file system (a path given to readIdx, loadMnistLike,
// loadFsdd) and gzip throw a ScatterkitError saying so instead of importing Node built-ins.
const refuse = (what: string) =>
  `throw new ScatterkitError(${JSON.stringify(
    `${what} needs Node.js (this is the browser build of @scatterkit/datasets): pass the file's bytes (a Uint8Array) instead`,
  )});`;
const stub = (names: string[], what: string) =>
  `import { ScatterkitError } from "@scatterkit/core";\n${names
    .map((n) => `export function ${n}(..._args: unknown[]): never { ${refuse(what)} }`)
    .join("\n")}\n`;

export default defineConfig(
  libraryConfig({
    browserStubs: {
      "node:fs": stub(["readFileSync", "existsSync", "readdirSync", "statSync"], "Reading files"),
      "node:zlib": stub(["gunzipSync"], "Decompressing gzip (use DecompressionStream, then pass the bytes)"),
      "node:path": `export function join(...parts: string[]): string { return parts.join("/").replace(/\\/+/g, "/"); }\n`,
    },
  }),
);
