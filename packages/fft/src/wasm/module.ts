/**
 * The fft kernel module: the pass, real-split/merge and driver kernels in one WebAssembly
 * module whose memory it defines and exports as "mem" (grown on demand by the arena).
 * @internal
 */
import { KernelModule } from "@scatterkit/core";
import { blocks } from "./blocks";
import { pass2, pass3, pass4, pass5 } from "./passes";
import { rmerge, rsplit } from "./real";

/** Every fft kernel, in export order. @internal */
export const fftKernels = new KernelModule(
  "fft",
  [pass2, pass3, pass4, pass5, rsplit, rmerge, blocks] as const,
  {
    export: "mem",
    min: 1,
  },
);
