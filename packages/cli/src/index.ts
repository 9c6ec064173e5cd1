/**
 * @scatterkit/cli: the `scatterkit` command (Node.js only). Scattering features of a user's
 * WAV, PNG, JPEG and NPY files into a float32 `.npy` file that numpy and JavaScript both read,
 * with a JSON file beside it; progress, resume, shards for batch engines, and merge.
 * @packageDocumentation
 */
export const CLI_VERSION = "0.0.0";
