import { join } from "node:path";
import { runReadmeExample } from "@scatterkit/vitest-config/readme";
import { expect, it } from "vitest";
import * as scattering from "../src/index";

it("the TimeFrequencyScattering / vjp / reconstruction README example runs and prints what it says", () => {
  const { printed, promised } = runReadmeExample(
    join(__dirname, "../README.md"),
    "<!-- section: TimeFrequencyScattering, vjp and reconstruction -->",
    { "@scatterkit/scattering": scattering },
  );
  expect(promised.length).toBe(5);
  expect(printed).toEqual(promised);
});
