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

// Opcode constants of the former API, kept until every kernel uses named instructions.
/** @internal */ export const V128_LOAD = 0x00;
/** @internal */ export const V128_LOAD64_SPLAT = 0x0a;
/** @internal */ export const V128_STORE = 0x0b;
/** @internal */ export const I8X16_SHUFFLE = 0x0d;
/** @internal */ export const F64X2_SPLAT = 0x14;
/** @internal */ export const F64X2_EXTRACT_LANE = 0x21;
/** @internal */ export const F64X2_REPLACE_LANE = 0x22;
/** @internal */ export const V128_LOAD64_ZERO = 0x5d;
/** @internal */ export const F64X2_PROMOTE_LOW_F32X4 = 0x5f;
/** @internal */ export const F64X2_SQRT = 0xef;
/** @internal */ export const F64X2_ADD = 0xf0;
/** @internal */ export const F64X2_SUB = 0xf1;
/** @internal */ export const F64X2_MUL = 0xf2;
