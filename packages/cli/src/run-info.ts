/**
 * What a run records about where it ran: the versions of the packages it used and the peak
 * resident memory of the process.
 * @module
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** Versions of the packages a run used (and Node.js). */
export function versions(): Record<string, string> {
  const req = createRequire(import.meta.url);
  const v: Record<string, string> = { node: process.versions.node };
  for (const p of ["@scatterkit/cli", "@scatterkit/scattering", "@scatterkit/core", "@scatterkit/datasets"]) {
    try {
      v[p] = (req(`${p}/package.json`) as { version: string }).version;
    } catch {
      v[p] = "unknown";
    }
  }
  return v;
}

/**
 * Peak resident memory of this process (all threads) in MiB: Linux's VmHWM (the high-water mark
 * of this program's memory), elsewhere getrusage's maxrss (which on Linux also counts the
 * parent's memory at fork, before exec).
 */
export function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Math.round(Number(m[1]) / 102.4) / 10;
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
}
