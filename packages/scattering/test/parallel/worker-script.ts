// Test helper: builds this package's worker script from the TypeScript sources (as the
// package build does) and hands it to the pool, so tests run real workers.
import { join } from "node:path";
import { bundleWorker } from "../../../../tooling/build/worker-bundle.mjs";
import { setWorkerSource } from "../../src/parallel/pool";

let built: Promise<string> | undefined;

/** Builds (once) and installs the worker script; returns its text. */
export async function useSourceWorkers(): Promise<string> {
  built ??= bundleWorker(join(__dirname, "..", "..", "src", "parallel", "worker-main.ts"));
  const text = await built;
  setWorkerSource(text);
  return text;
}
