#!/usr/bin/env node
// The `scatterkit` command (see src/main.ts and the README).
import { main } from "./main";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`scatterkit: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
