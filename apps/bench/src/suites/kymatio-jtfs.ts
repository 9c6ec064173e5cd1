/**
 * Kymatio's TimeFrequencyScattering timings (../shared/reference/timings/kymatio-jtfs.json, or a
 * copy in apps/bench/data/kymatio-jtfs-timings.json) as rows of the `kymatio` suite: case,
 * transform, params, input and output shapes, NumPy seconds (best of 3).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface JtfsTimingCase {
  case: string;
  params: Record<string, unknown>;
  input: number[];
  outputShape: number[];
  secondsBest: number;
}

/** The JTFS configurations with Kymatio NumPy's seconds; empty when the file is absent. */
export function loadJtfsTimings(): {
  case: string;
  transform: string;
  params: Record<string, unknown>;
  inputShape: number[];
  outputShape: number[];
  numpySeconds: number;
}[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, "..", "..", "data", "kymatio-jtfs-timings.json"),
    join(here, "..", "..", "..", "..", "..", "shared", "reference", "timings", "kymatio-jtfs.json"),
  ];
  for (const p of candidates) {
    try {
      const cases = (JSON.parse(readFileSync(p, "utf8")) as { cases: JtfsTimingCase[] }).cases;
      return cases.map((c) => ({
        case: c.case,
        transform: "TimeFrequencyScattering",
        params: c.params,
        inputShape: c.input,
        outputShape: c.outputShape,
        numpySeconds: c.secondsBest,
      }));
    } catch {
      // next
    }
  }
  return [];
}
