// Shared vitest configuration for every package and app of the workspace.
// Tests import sibling packages by name; the aliases below point those names
// at the TypeScript sources so that a test run never depends on stale builds.
import { readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Map every `@scatterkit/<name>` package to its `src/index.ts`. */
export function workspaceAliases() {
  const aliases = {};
  const dir = join(root, "packages");
  for (const name of readdirSync(dir)) {
    const entry = join(dir, name, "src", "index.ts");
    if (existsSync(entry)) aliases[`@scatterkit/${name}`] = entry;
  }
  return aliases;
}

/**
 * Base config for one package: node environment, tests under `test/` or next
 * to sources, generous timeouts (the CI machine is shared and noisy; speed
 * targets live in apps/bench, never in tests).
 * @param {string} name project name shown in the reporter
 * @param {object} [extra] extra `test` options merged over the base
 */
export function packageConfig(name, extra = {}) {
  return {
    resolve: { alias: workspaceAliases() },
    test: {
      name,
      environment: "node",
      include: ["test/**/*.test.ts", "src/**/*.test.ts"],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      env: { SCATTERKIT_WASM_STRICT: "1" }, // a kernel module that fails to compile throws (no silent fallback)
      ...extra,
    },
  };
}

export const workspaceRoot = root;
