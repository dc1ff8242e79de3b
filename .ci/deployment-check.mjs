// What the compose file and the image must keep (issue 19's operations frictions), read from
// `docker compose config --format json` on stdin (the file as Compose resolves it: anchors,
// merges, interpolation) and from docker/Dockerfile and .dockerignore. Exits 1 naming each lapse.
import { readFileSync } from "node:fs";

const compose = JSON.parse(readFileSync(0, "utf8"));
const lapses = [];
const need = (ok, what) => ok || lapses.push(what);

const { db, migrate, hub } = compose.services ?? {};
need(db?.healthcheck?.test, "the database service has a healthcheck (others wait for it to be healthy, not merely started)");
need(migrate && JSON.stringify(migrate.command ?? []).includes("migrate"), "a one-shot migrate service runs `hub migrate`");
need(migrate?.restart === "no", "migrate is not restarted (a failed migration stops the deployment there)");
need(migrate?.depends_on?.db?.condition === "service_healthy", "migrate waits for the database to be healthy");
need(hub?.depends_on?.db?.condition === "service_healthy", "the hub waits for the database to be healthy");
need(hub?.depends_on?.migrate?.condition === "service_completed_successfully", "the hub starts only after migrate succeeded");
need(["always", "unless-stopped", "on-failure"].some((r) => String(hub?.restart).startsWith(r)), "the hub is restarted when it exits");

const dockerfile = readFileSync("docker/Dockerfile", "utf8");
const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gim)].map((m) => m[1]);
need(froms.length >= 2, "the image is built in stages (build tools and dev dependencies stay out of the final one)");
need(froms.every((f) => /^node:24\b/.test(f)), "every stage is on Node 24, the current LTS");
const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gim)].map((m) => m[1]);
need(users.length && !/^(root|0)(:|$)/.test(users.at(-1)), "the final stage runs as a user other than root");
need(/^HEALTHCHECK\s/im.test(dockerfile), "the image has a HEALTHCHECK");

const ignored = readFileSync(".dockerignore", "utf8").split("\n").map((l) => l.trim());
for (const entry of [".git", "**/node_modules", "dist", "tests/output"]) need(ignored.includes(entry), `.dockerignore leaves out ${entry}`);
need(ignored.some((l) => /\.key$|\.data|\*\*\/\.env/.test(l)), ".dockerignore leaves out keys and local data");

if (lapses.length) {
  console.error(`deployment-check: FAILED:\n${lapses.map((l) => `  - ${l}`).join("\n")}`);
  process.exit(1);
}
console.log("deployment-check: compose start order, restarts, multi-stage non-root image on Node 24, .dockerignore: as required");
