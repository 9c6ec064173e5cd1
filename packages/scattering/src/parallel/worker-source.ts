/**
 * The text of this package's worker script (parallel/worker-main.ts bundled into one
 * self-contained script). The build (tooling/build/tsup-preset.mjs) replaces this file with
 * the script's text; in the TypeScript sources it is undefined and {@link setWorkerSource}
 * (tests) provides it, else `forwardAsync` computes on the calling thread.
 * @internal
 */
export const WORKER_SOURCE: string | undefined = undefined;
