import { packageConfig } from "@scatterkit/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig(packageConfig("cli"));
