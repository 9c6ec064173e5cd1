/**
 * @scatterkit/cli: the `scatterkit` command (Node.js only). Scattering features of a user's
 * WAV, PNG, JPEG and NPY files into a float32 `.npy` file that numpy and JavaScript both read,
 * with a JSON file beside it; progress, resume, shards for batch engines, and merge. The
 * functions behind the command are exported for programs and tests.
 * @packageDocumentation
 */
export { main, parseArgs, featuresOptions, USAGE, type ParsedArgs } from "./main";
export { runFeatures } from "./features";
export type { FeaturesOptions, FeaturesJson, FeaturesSummary, SkipRecord } from "./features-types";
export { hashList } from "./input-list";
export { versions } from "./run-info";
export { runMerge, type MergeSummary } from "./merge";
export { InputLog, writeFeaturesJson, type InputRecord } from "./json-file";
export { npyHeader, parseNpyHeader, npyToFloat32, type NpyInfo, type NpyDtype } from "./npy";
export {
  decodePng,
  decodeJpeg,
  scanPng,
  scanJpeg,
  isPng,
  isJpeg,
  type DecodedImage,
  type ImageLimits,
} from "./image";
export {
  listInputs,
  collectInputs,
  InputList,
  openInput,
  compareCodePoints,
  INPUT_EXTENSIONS,
  type InputFile,
  type ReadOptions,
  type InputDomain,
} from "./inputs";
export { resolveShard, shardRange, type Shard } from "./shard";
export {
  buildTransform,
  TRANSFORMS,
  TRANSFORM_OPTIONS,
  type TransformName,
  type TransformParams,
} from "./transform";
