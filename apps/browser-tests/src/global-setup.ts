// Packs and installs the packages once for every test file of this project.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workspaceRoot } from "./root";
import type { TestProject } from "vitest/node";
import { installApp, packAll, type Packed } from "./packed";

declare module "vitest" {
  export interface ProvidedContext {
    packed: Packed;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "scatterkit-packed-"));
  const t0 = Date.now();
  // SCATTERKIT_PACK_ROOT=/path/to/another/built/checkout runs the suite against that checkout's
  // packages (used to reproduce issue 10's failures on the base commit).
  const tarballs = await packAll(process.env.SCATTERKIT_PACK_ROOT ?? workspaceRoot, dir);
  const app = join(dir, "app");
  installApp(app, tarballs);
  console.log(
    `packed and installed ${Object.keys(tarballs).length} packages in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  project.provide("packed", { dir, app, tarballs });
  return () => {
    if (!process.env.SCATTERKIT_KEEP_PACKED) rmSync(dir, { recursive: true, force: true });
  };
}
