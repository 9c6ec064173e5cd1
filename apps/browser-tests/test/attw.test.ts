// Types resolve for every consumer (ESM, CommonJS under node16, node10, bundlers):
// @arethetypeswrong (the library behind the attw CLI) on every packed tarball reports no
// problem (issue 10: "Masquerading as ESM" for every package before).
import { readFileSync } from "node:fs";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { describe, expect, inject, it } from "vitest";

describe("arethetypeswrong on every packed package", () => {
  const { tarballs } = inject("packed");
  for (const [name, tgz] of Object.entries(tarballs)) {
    it(`${name}: no problem in node10, node16 (from CJS and ESM) and bundler resolution`, async () => {
      const result = await checkPackage(createPackageFromTarballData(new Uint8Array(readFileSync(tgz))));
      if (result.types === false) throw new Error(`${name} ships no types`);
      expect(result.problems.map((p) => `${p.kind}: ${JSON.stringify(p)}`)).toEqual([]);
      const res = result.entrypoints["."].resolutions;
      // CommonJS consumers get the .d.cts types, ESM consumers the .d.ts ones
      expect(res["node16-cjs"].resolution?.fileName).toMatch(/dist\/index\.d\.cts$/);
      expect(res["node16-cjs"].implementationResolution?.fileName).toMatch(/dist\/index\.cjs$/);
      expect(res["node16-esm"].resolution?.fileName).toMatch(/dist\/index\.d\.ts$/);
      expect(res["node16-esm"].implementationResolution?.fileName).toMatch(/dist\/index\.js$/);
      expect(res.bundler.resolution?.fileName).toMatch(/dist\/index\.d\.ts$/);
    });
  }
});
