import { packageConfig } from "@scatterkit/vitest-config";
import { defineConfig } from "vitest/config";

// One file at a time: each file drives Chromium or installs packed tarballs.
export default defineConfig(
  packageConfig("browser-tests", {
    fileParallelism: false,
    globalSetup: ["./src/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 600_000,
  }),
);
