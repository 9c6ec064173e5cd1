/**
 * WebAssembly kernels for scatterkit's packages: a byte-code assembler with named
 * instructions ({@link WasmBody}, {@link assembleModule}), a WAT-like disassembler
 * ({@link toWat}), and kernels defined once ({@link defineKernel}: formula, WebAssembly body,
 * TypeScript twin) gathered into modules ({@link KernelModule}) that bind them by name.
 * Modules are built at load time: no build step, no binary file, no dependency.
 * See DEVELOPERS.md, "How to add a kernel".
 * @internal
 */
export { uleb, sleb, readUleb, readSleb } from "./wasm/leb";
export {
  type Immediate,
  type OpName,
  type ValueTypeName,
  SCALAR_OPS,
  SIMD_OPS,
  SIMD_PREFIX,
  VALUE_TYPES,
  I32,
  F32,
  F64,
  V128,
} from "./wasm/opcodes";
export { WasmBody, SWAP_HALVES, f64x2Bytes } from "./wasm/body";
export { type WasmMemory, assembleModule } from "./wasm/assemble";
export { toWat } from "./wasm/wat";
export {
  type AnyKernel,
  type BoundKernels,
  type Kernel,
  type KernelArgs,
  type KernelDefinition,
  type KernelParams,
  type KernelSampler,
  type ParamSpec,
  type ParamType,
  KernelMemory,
  KernelModule,
  WasmModuleError,
  defineKernel,
  wasmStrict,
} from "./wasm/kernel";
