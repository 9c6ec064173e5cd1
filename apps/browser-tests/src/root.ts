import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The workspace root (apps/browser-tests/src -> ../../..). */
export const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
