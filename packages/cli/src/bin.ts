#!/usr/bin/env node
// The `scatterkit` command.
console.log("scatterkit");
