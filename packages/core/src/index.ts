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
  checkShape,
  checkBoolean,
} from "./checks";
export { checkOptions, checkOneOf, listOf, type CheckOptionsSettings } from "./options";
export { Random, type RandomState } from "./random";

// WebAssembly kernels (internal, not public API): named-instruction assembler, WAT listing,
// kernels defined once (formula, WebAssembly body, TypeScript twin) and bound by name.
// Every export of ./wasm is marked @internal.
export * from "./wasm";
