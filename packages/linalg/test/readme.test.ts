import { resolve } from "node:path";
import { runReadmeExample } from "@scatterkit/vitest-config/readme";
import { expect, it } from "vitest";
import * as linalg from "@scatterkit/linalg";

it("README example prints what it promises", () => {
  const run = runReadmeExample(resolve(__dirname, "../README.md"), "<!-- section:example -->", {
    "@scatterkit/linalg": linalg,
  });
  expect(run.printed.length).toBe(3);
  expect(run.printed).toEqual(run.promised);
});
