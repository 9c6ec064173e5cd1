import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workspaceRoot } from "@scatterkit/vitest-config";
import { describe, expect, it } from "vitest";

describe("tooling/scripts/new-package.sh", () => {
  it("creates a package with the workspace's exports map (types per condition) and tsup preset", () => {
    const dir = mkdtempSync(join(tmpdir(), "new-package-"));
    try {
      execFileSync(
        "bash",
        [join(workspaceRoot, "tooling/scripts/new-package.sh"), "demo-pkg", "A demo", "@scatterkit/core"],
        {
          cwd: dir,
        },
      );
      const pkg = JSON.parse(readFileSync(join(dir, "packages/demo-pkg/package.json"), "utf8"));
      const core = JSON.parse(readFileSync(join(workspaceRoot, "packages/core/package.json"), "utf8"));
      expect(pkg.name).toBe("@scatterkit/demo-pkg");
      expect(pkg.exports).toEqual(core.exports);
      expect(pkg.types).toBe(core.types);
      expect(pkg.dependencies).toEqual({ "@scatterkit/core": "workspace:*" });
      const tsup = readFileSync(join(dir, "packages/demo-pkg/tsup.config.ts"), "utf8");
      expect(tsup).toContain('import { libraryConfig } from "../../tooling/build/tsup-preset.mjs"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
