import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { Scattering1D } from "../src/scattering1d";
import { workerSource } from "../src/parallel/pool";

const dist = join(__dirname, "../dist/index.js");

function noise(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

describe("Scattering1D.forwardAsync", () => {
  it("equals forward (on the calling thread when running the TypeScript sources)", async () => {
    const S = new Scattering1D({ J: 5, shape: 300, Q: 4 });
    const x = { data: noise(5 * 300, 1), shape: [5, 300] };
    const a = await S.forwardAsync(x);
    const b = S.forward(x);
    expect(a.shape).toEqual(b.shape);
    expect(a.data).toBeInstanceOf(Float32Array);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    await S.dispose();
  });

  it("has no embedded worker script in the TypeScript sources (the build embeds it)", () => {
    expect(workerSource()).toBeUndefined();
  });

  it.skipIf(!existsSync(dist))(
    "with the built package, worker threads give exactly forward's output (skipped before `pnpm build`)",
    async () => {
      const mod = (await import(pathToFileURL(dist).href)) as { Scattering1D: typeof Scattering1D };
      const S = new mod.Scattering1D({ J: 6, shape: 1000, Q: [8, 2] });
      const x = { data: noise(6 * 1000, 2), shape: [2, 3, 1000] };
      const a = await S.forwardAsync(x);
      const b = S.forward(x);
      expect(a.shape).toEqual([2, 3, S.nPaths, S.outputLength]);
      expect(Array.from(a.data)).toEqual(Array.from(b.data));
      await S.dispose();
    },
  );
});
