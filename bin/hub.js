#!/usr/bin/env node
// The `hub` command runs the compiled CLI (built by `npm install` via the prepare script).
require("reflect-metadata");
require("../dist/src/cli/main.js").runCli(process.argv).catch((err) => {
  console.error(`hub: ${err && err.message ? err.message : String(err)}`);
  process.exit(1);
});
