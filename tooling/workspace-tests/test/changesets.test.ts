// Every changeset parses (issue 10: two changesets had a blank line or a heading where the
// frontmatter belongs, so `changeset status` and `changeset version` failed). Fast check of the
// frontmatter here; apps/browser-tests/test/release.test.ts runs the real release dry run.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { workspaceRoot } from "@scatterkit/vitest-config";
import { describe, expect, it } from "vitest";

const dir = join(workspaceRoot, ".changeset");
const files = readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md");
const packages = new Set(
  readdirSync(join(workspaceRoot, "packages"))
    .filter((d) => existsSync(join(workspaceRoot, "packages", d, "package.json")))
    .map((d) => JSON.parse(readFileSync(join(workspaceRoot, "packages", d, "package.json"), "utf8")).name),
);

describe(".changeset frontmatter", () => {
  it("has changesets", () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const f of files) {
    it(`${f}: '---', one "<package>": major|minor|patch line per package, '---', then a description`, () => {
      const lines = readFileSync(join(dir, f), "utf8").split("\n");
      expect(lines[0]).toBe("---");
      const end = lines.indexOf("---", 1);
      expect(end).toBeGreaterThan(1);
      for (const line of lines.slice(1, end)) {
        const m = line.match(/^"(@scatterkit\/[a-z0-9-]+)": (major|minor|patch)$/);
        expect(m, `${f}: ${JSON.stringify(line)}`).not.toBeNull();
        expect(packages.has(m![1]), `${f}: ${m![1]} is not a package`).toBe(true);
      }
      expect(
        lines
          .slice(end + 1)
          .join("\n")
          .trim().length,
      ).toBeGreaterThan(0);
    });
  }
});
