#!/usr/bin/env bash
# Usage: tooling/scripts/new-package.sh <name> "<description>" [dep ...]
# Creates packages/<name> with the workspace's standard layout.
set -euo pipefail
name=$1; desc=$2; shift 2
dir=packages/$name
mkdir -p "$dir/src" "$dir/test"
deps=""
for d in "$@"; do deps="$deps\"$d\": \"workspace:*\","; done
deps=${deps%,}
cat > "$dir/package.json" <<JSON
{
  "name": "@scatterkit/$name",
  "version": "0.0.0",
  "description": "$desc",
  "license": "MIT",
  "type": "module",
  "sideEffects": false,
  "main": "./dist/index.cjs",
  "module": "./dist/index.browser.js",
  "types": "./dist/index.d.cts",
  "exports": {
    ".": {
      "import": {
        "types": "./dist/index.d.ts",
        "browser": "./dist/index.browser.js",
        "worker": "./dist/index.browser.js",
        "node": "./dist/index.js",
        "default": "./dist/index.browser.js"
      },
      "require": {
        "types": "./dist/index.d.cts",
        "browser": "./dist/index.browser.cjs",
        "worker": "./dist/index.browser.cjs",
        "node": "./dist/index.cjs",
        "default": "./dist/index.browser.cjs"
      }
    },
    "./package.json": "./package.json"
  },
  "files": ["dist", "README.md", "CHANGELOG.md"],
  "engines": { "node": ">=20" },
  "scripts": {
    "build": "tsup",
    "test": "vitest run",
    "typecheck": "tsc -p tsconfig.json",
    "lint": "biome check ."
  },
  "dependencies": { $deps },
  "devDependencies": { "@scatterkit/vitest-config": "workspace:*" }
}
JSON
cat > "$dir/tsup.config.ts" <<'TS'
import { defineConfig } from "tsup";
import { libraryConfig } from "../../tooling/build/tsup-preset.mjs";

// ESM + CJS for Node.js, a browser build, .d.ts + .d.cts (see tooling/build/tsup-preset.mjs).
export default defineConfig(libraryConfig());
TS
cat > "$dir/tsconfig.json" <<'TS'
{
  "extends": "../../tsconfig.base.json",
  "include": ["src", "test"]
}
TS
cat > "$dir/vitest.config.ts" <<TS
import { packageConfig } from "@scatterkit/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig(packageConfig("$name"));
TS
