/**
 * The scattering kernel module (Scattering2D and HarmonicScattering3D): every kernel in one
 * WebAssembly module that imports its memory as env.mem, so that each transform's
 * {@link KernelArena} instantiates it over its own buffers.
 * @internal
 */
import { KernelModule } from "@scatterkit/core";
import { cmul, cmul2 } from "./cmul";
import { fold } from "./fold";
import { addPair3, mod2, split3 } from "./grid3d";
import { modPair, modReal, sqrtInPlace, sums } from "./modulus";

/** Every scattering kernel, in export order. @internal */
export const scatteringKernels = new KernelModule(
  "scattering",
  [fold, modReal, modPair, cmul, cmul2, addPair3, mod2, sqrtInPlace, sums, split3] as const,
  { import: { module: "env", name: "mem" }, min: 1 },
);
