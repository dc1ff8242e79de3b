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
// FROM [--platform=…] image [AS name]: the image, flags skipped.
const fromImage = (line) => line.split(/\s+/).slice(1).find((word) => !word.startsWith("--"));
const stages = dockerfile.split(/^(?=FROM\s)/im).filter((s) => /^FROM\s/i.test(s));
need(stages.length >= 2, "the image is built in stages (build tools and dev dependencies stay out of the final one)");
need(stages.every((s) => /^node:24\b/.test(fromImage(s.split("\n")[0]) ?? "")), "every stage is on Node 24, the current LTS");
const final = stages.at(-1) ?? "";
const users = [...final.matchAll(/^USER\s+(\S+)/gim)].map((m) => m[1]);
need(users.length && !/^(root|0)(:|$)/.test(users.at(-1)), "the final stage runs as a user other than root");
need(/^HEALTHCHECK\s+(?!NONE\b)/im.test(final), "the final stage has a HEALTHCHECK");

const ignored = readFileSync(".dockerignore", "utf8").split("\n").map((l) => l.trim());
for (const entry of [".git", "**/node_modules", "dist", "tests/output"]) need(ignored.includes(entry), `.dockerignore leaves out ${entry}`);
for (const [pattern, what] of [[/\*\.key$/, "key files"], [/\*\.pem$/, "PEM files"], [/\.data$/, "the embedded database's data folder"], [/\.env$/, ".env files"]]) {
  need(ignored.some((l) => !l.startsWith("#") && pattern.test(l)), `.dockerignore leaves out ${what}`);
}

if (lapses.length) {
  console.error(`deployment-check: FAILED:\n${lapses.map((l) => `  - ${l}`).join("\n")}`);
  process.exit(1);
}
console.log("deployment-check: compose start order, restarts, multi-stage non-root image on Node 24, .dockerignore: as required");
