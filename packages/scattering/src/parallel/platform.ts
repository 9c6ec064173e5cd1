/**
 * What the sizes rules need from the platform (the worker pool itself lives in
 * @scatterkit/core's src/workers/, whose browser build answers 0 here).
 * @internal
 */
export { machineMemoryBytes } from "@scatterkit/core";
