import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { workspaceRoot } from "@scatterkit/vitest-config";
import { describe, expect, it } from "vitest";

const read = (p: string) => readFileSync(join(workspaceRoot, p), "utf8");
const packages = readdirSync(join(workspaceRoot, "packages")).filter((d) =>
  existsSync(join(workspaceRoot, "packages", d, "package.json")),
);

describe("workspace conventions", () => {
  it("has the expected packages", () => {
    for (const name of [
      "core",
      "fft",
      "filter-banks",
      "scattering",
      "sparse-coding",
      "classifiers",
      "datasets",
    ]) {
      expect(packages).toContain(name);
    }
  });

  for (const dir of packages) {
    describe(`packages/${dir}`, () => {
      const pkg = JSON.parse(read(`packages/${dir}/package.json`));
      it("is a public @scatterkit package with an exports map and no side effects", () => {
        expect(pkg.name).toBe(`@scatterkit/${dir}`);
        expect(pkg.private).not.toBe(true);
        expect(pkg.sideEffects).toBe(false);
        // ESM types behind import, CJS types behind require (attw: no "Masquerading as ESM"),
        // and a browser / Web Worker build without Node built-ins (issue 10), which is also what
        // runtimes without the node condition get (`default`); @scatterkit/cli is Node.js only
        // (CONTRACT.md): no browser build, `default` is an entry that throws "needs Node.js".
        if (dir === "cli") {
          expect(pkg.exports["."]).toEqual({
            import: { types: "./dist/index.d.ts", node: "./dist/index.js", default: "./dist/unsupported.js" },
            require: {
              types: "./dist/index.d.cts",
              node: "./dist/index.cjs",
              default: "./dist/unsupported.cjs",
            },
          });
        } else
          expect(pkg.exports["."]).toEqual({
            import: {
              types: "./dist/index.d.ts",
              browser: "./dist/index.browser.js",
              worker: "./dist/index.browser.js",
              node: "./dist/index.js",
              default: "./dist/index.browser.js",
            },
            require: {
              types: "./dist/index.d.cts",
              browser: "./dist/index.browser.cjs",
              worker: "./dist/index.browser.cjs",
              node: "./dist/index.cjs",
              default: "./dist/index.browser.cjs",
            },
          });
        // bundlers that read `module` instead of the exports map get the build without built-ins;
        // the Node-only cli has no `module` entry
        expect(pkg.module).toBe(dir === "cli" ? undefined : "./dist/index.browser.js");
        expect(pkg.main).toBe("./dist/index.cjs");
        expect(pkg.types).toBe("./dist/index.d.cts");
        expect(pkg.files).toContain("dist");
        expect(pkg.files).toContain("CHANGELOG.md");
        expect(pkg.engines.node).toBe(">=20");
      });
      it("depends on siblings only through workspace:* and only on existing packages", () => {
        for (const [dep, range] of Object.entries<string>(pkg.dependencies ?? {})) {
          if (dep.startsWith("@scatterkit/")) {
            expect(range).toBe("workspace:*");
            expect(packages).toContain(dep.slice("@scatterkit/".length));
          }
        }
      });
      it("builds with the shared tsup preset (keepNames, no source maps, browser build)", () => {
        const cfg = read(`packages/${dir}/tsup.config.ts`);
        if (dir === "cli") {
          expect(cfg).toMatch(/keepNames: true/);
          expect(cfg).toMatch(/sourcemap: false/);
        } else {
          expect(cfg).toContain("tooling/build/tsup-preset.mjs");
          expect(cfg).toMatch(/libraryConfig\(/);
        }
        expect(pkg.scripts.build).toBe("tsup");
      });
      it("has a README with a TypeScript example", () => {
        const readme = read(`packages/${dir}/README.md`);
        expect(readme).toMatch(/^# @scatterkit\//);
        expect(readme).toMatch(/```(ts|typescript|js)\n[\s\S]*import[\s\S]*```/);
      });
    });
  }

  it("pins tool versions that run on Node 20 and pnpm 10", () => {
    const root = JSON.parse(read("package.json"));
    expect(root.packageManager).toMatch(/^pnpm@10\./);
    expect(root.engines.node).toBe(">=20");
    expect(root.devDependencies.vitest).toMatch(/^4\./);
    expect(root.devDependencies.tsup).toMatch(/^8\./);
    expect(root.devDependencies.typescript).toMatch(/^5\./);
    expect(root.devDependencies["@changesets/cli"]).toMatch(/^2\./);
    expect(read(".npmrc")).toContain("manage-package-manager-versions=false");
  });

  it("makes build a dependency of test in turbo", () => {
    const turbo = JSON.parse(read("turbo.json"));
    expect(turbo.tasks.build.dependsOn).toEqual(["^build"]);
    for (const t of ["test", "typecheck", "lint", "bench"]) expect(turbo.tasks[t]).toBeDefined();
  });

  it("ignores the private apps in changesets", () => {
    const cfg = JSON.parse(read(".changeset/config.json"));
    expect(cfg.ignore).toEqual(expect.arrayContaining(["@scatterkit/demo", "@scatterkit/bench"]));
  });
});
