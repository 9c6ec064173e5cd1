/**
 * Entry of this package's worker script (bundled whole by the build and embedded as text,
 * see worker-source.ts): a worker can build any transform class the package exports.
 * @internal
 */
import * as lib from "../index";
import { runWorker } from "./worker-runtime";

runWorker(lib as unknown as Record<string, unknown>);
