// The one test over every registered WebAssembly kernel (fft, scattering and linalg's GEMM
// kernels, imported from its sources: scattering does not depend on linalg): on random
// inputs (each kernel's `sample`), the WebAssembly body and the TypeScript twin leave the
// memory bit-identical, and the kernel does write something.
import { fftKernels } from "@scatterkit/fft";
import { linalgModule } from "../../linalg/src/kernels";
import { scatteringKernels } from "../src/kernels/module";
import { describe, expect, it } from "vitest";
import { firstDifference, runTwins } from "../../core/test/twins";

const MODULES = [fftKernels, scatteringKernels, linalgModule];
const SEEDS = 12;

describe("every kernel: WebAssembly and TypeScript twin are bit-identical", () => {
  for (const mod of MODULES) {
    for (const k of mod.kernels) {
      it(`${mod.name}.${k.name} (${SEEDS} random inputs)`, () => {
        expect(k.sample, `${k.name} has a sample()`).toBeDefined();
        for (let seed = 1; seed <= SEEDS; seed++) {
          const r = runTwins(mod, k.name, 1000 * seed + 7);
          expect(firstDifference(r.wasm, r.before), "the kernel writes").toBeGreaterThanOrEqual(0);
          expect(firstDifference(r.wasm, r.ts), `first differing byte (seed ${seed})`).toBe(-1);
        }
      });
    }
  }
});

describe("scattering kernel module", () => {
  it("its WAT text matches the committed snapshot (update: vitest -u)", async () => {
    await expect(scatteringKernels.wat()).toMatchFileSnapshot("./snapshots/scattering-kernels.wat");
  });
});
