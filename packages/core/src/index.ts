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

// The worker pool shared by every package (internal, not public API): spawn layer for Node.js
// worker_threads and browser module Web Workers, request/response pool, worker-side loop.
// The browser build uses workers/spawn.browser.ts (no Node.js built-ins).
export * from "./workers";
