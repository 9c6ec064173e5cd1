/**
 * @scatterkit/core: the data shape, the error classes, the argument and option
 * checks and the seeded generator shared by scatterkit packages.
 * @packageDocumentation
 */

export {
  ScatterkitError,
  ParameterError,
  ShapeError,
  NotFittedError,
  FormatError,
  describe,
} from "./errors";
export {
  type FloatArray,
  type Tensor,
  shapeSize,
  checkInteger,
  checkNumber,
  isFloatArray,
  checkTensor,
  allocLike,
  copyLike,
} from "./checks";
export { checkOptions, checkOneOf, listOf, type CheckOptionsSettings } from "./options";
export { Random } from "./random";

// WebAssembly byte-code assembler shared by the SIMD kernels of @scatterkit/fft and
// @scatterkit/scattering (internal: not part of the public API).
export {
  /** @internal */
  uleb,
  /** @internal */
  sleb,
  /** @internal */
  I32,
  /** @internal */
  F64,
  /** @internal */
  V128,
  /** @internal */
  V128_LOAD,
  /** @internal */
  V128_LOAD64_SPLAT,
  /** @internal */
  V128_STORE,
  /** @internal */
  I8X16_SHUFFLE,
  /** @internal */
  F64X2_SPLAT,
  /** @internal */
  F64X2_EXTRACT_LANE,
  /** @internal */
  F64X2_REPLACE_LANE,
  /** @internal */
  V128_LOAD64_ZERO,
  /** @internal */
  F64X2_PROMOTE_LOW_F32X4,
  /** @internal */
  F64X2_SQRT,
  /** @internal */
  F64X2_ADD,
  /** @internal */
  F64X2_SUB,
  /** @internal */
  F64X2_MUL,
  /** @internal */
  WasmBody,
  /** @internal */
  assembleModule,
} from "./wasm";
/** @internal */
export type { WasmMemory } from "./wasm";
