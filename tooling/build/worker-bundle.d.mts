/** The text of the self-contained worker script built from `entry` (see worker-bundle.mjs). */
export function bundleWorker(entry: string): Promise<string>;
/** esbuild as shipped with tsup. */
export function loadEsbuild(): typeof import("esbuild");
/** esbuild plugin resolving `@scatterkit/<name>` to the package's sources. */
export function workspaceSourcesPlugin(): { name: string; setup(build: unknown): void };
export function browserVariants(): { name: string; setup(build: unknown): void };
