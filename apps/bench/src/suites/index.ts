import type { BenchSuite } from "../types";

/**
 * Registry of benchmark suites: name -> lazy module loader. Add one line per
 * suite (the module exports `run(opts): Promise<BenchResult>`).
 */
export const suites: Record<string, () => Promise<BenchSuite>> = {
  fft: () => import("./fft"),
  mlcsc: () => import("./mlcsc"),
  sparse: () => import("./sparse"),
  energy: () => import("./energy"),
  classifiers: () => import("./classifiers"),
  kymatio: () => import("./kymatio"),
  networks: () => import("./networks"),
  linalg: () => import("./linalg"),
  reconstruction: () => import("./reconstruction"),
  cli: () => import("./cli"),
  browser: () => import("./browser"),
};
