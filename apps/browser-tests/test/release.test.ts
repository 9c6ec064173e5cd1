// Versioned releases (issue 10: `changeset status` failed on two changesets without frontmatter,
// so `changeset version` could not run and every package stayed 0.0.0). The dry run works on a
// clean clone of the committed tree; see src/release-dry-run.mjs.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("release dry run on a clean clone", () => {
  it("changeset status parses, changeset version bumps every package with a CHANGELOG, tarballs pin and install together", () => {
    const r = spawnSync(process.execPath, [join(__dirname, "..", "src", "release-dry-run.mjs")], {
      encoding: "utf8",
      timeout: 600_000,
    });
    const line = r.stdout.trim().split("\n").pop() ?? "{}";
    const report = JSON.parse(line) as {
      ok: boolean;
      versions: Record<string, string>;
      problems: string[];
      timings: object;
    };
    console.log(JSON.stringify({ versions: report.versions, timings: report.timings }));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(r.status).toBe(0);
    for (const [name, v] of Object.entries(report.versions)) {
      expect(v, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(v, name).not.toBe("0.0.0");
    }
  });
});
