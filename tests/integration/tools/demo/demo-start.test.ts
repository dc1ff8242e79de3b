import { loadConfig } from "../../../../src/config";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { DEPARTMENTS } from "../../../../src/auth/department.enums";
import { generateDemoData } from "../../../../src/tools/demo/demo-data";
import { DEMO_ENTERPRISES, DEMO_SEED } from "../../../../src/tools/demo/demo-seed.service";
import { IndustrySector } from "../../../../src/modules/enterprise/enterprise.enums";
import { addDays, addMonths, today } from "../../../../src/shared/clock";
import { creditCodeProblem, idNumberProblem } from "../../../../src/shared/identifiers";
import { JIANGSU_CITIES, cityOf, regionCodeProblem } from "../../../../src/shared/region";
import { projectRoot } from "../../../../src/shared/project-root";
import { EMBEDDED_TIMEOUT_MS, startTestHub } from "../../../helpers/test-hub";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The hub prints its URL only once it is ready; to watch /readyz before that, it gets a known port.
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `npm start` as a newcomer runs it: the built entry point, no DATABASE_URL, demo seed at its default. */
function startMain(dataDir: string, port: number): { child: ChildProcess; output: () => string } {
  const main = path.join(projectRoot(), "dist/src/main.js");
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build (npm test does)`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["DATABASE_URL", "HUB_DEMO_SEED", "HUB_PUBLICATION_GENERAL_MONTHS", "HUB_PUBLICATION_SERIOUS_MONTHS", "NODE_ENV", "HOST"]) delete env[key];
  const child = spawn(process.execPath, [main], {
    env: { ...env, HUB_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn", HUB_REFRESH_INTERVAL_HOURS: "0", SHUTDOWN_DRAIN_MS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, output: () => out };
}

async function post(url: string, query: string, variables: Record<string, unknown>, token: string) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
}

const PROFILE = `query Profile($c: CreditCode!) {
  enterprise(creditCode: $c) {
    creditCode name regionCode sector scale address onWatchlist
    creditGrade { grade }
    responsiblePersons { role since until person { name idNumberMasked } }
    formerHolders: responsiblePersons(current: false) { role until }
    penalties(first: 20) { totalCount edges { node { decisionNumber department decidedOn publicUntil isPublic severity violation fineAmount penaltyTypes } } }
  }
}`;
const PAGE = `query Page($after: String) {
  enterprises(first: 100, after: $after) {
    totalCount
    edges { node { creditCode regionCode sector } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe("first start of an empty embedded database", () => {
  // Two starts on the embedded database (PGlite), each running every migration: slow on busy cores.
  jest.setTimeout(EMBEDDED_TIMEOUT_MS);
  it("is not ready until the demo data is in, prints one key per department, and serves the demo profile", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-demo-"));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const hub = startMain(dataDir, port);
    try {
      // Not listening yet, then 503 while migrations and the seed run, then 200.
      const seen: (number | "refused")[] = [];
      let graphqlWhileStarting: number | undefined;
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (hub.child.exitCode !== null) throw new Error(`hub exited with ${hub.child.exitCode}: ${hub.output()}`);
        if (Date.now() > deadline) throw new Error(`not ready in time; /readyz answered ${seen.join(", ")}: ${hub.output()}`);
        let status: number | "refused";
        try {
          status = (await fetch(`${url}/readyz`)).status;
        } catch {
          status = "refused";
        }
        if (seen.at(-1) !== status) seen.push(status);
        if (status === 503 && graphqlWhileStarting === undefined) {
          graphqlWhileStarting = (await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: `{"query":"{ me { id } }"}` })).status;
        }
        if (status === 200) break;
        await sleep(20);
      }
      expect(seen.at(-1)).toBe(200);
      expect(seen.slice(0, -1).every((s) => s === "refused" || s === 503)).toBe(true);
      expect(seen).toContain(503);
      expect(graphqlWhileStarting).toBe(503);

      while (!/credit hub serving/.test(hub.output())) {
        if (hub.child.exitCode !== null) throw new Error(`hub exited: ${hub.output()}`);
        await sleep(20);
      }
      const out = hub.output();
      expect(out).toMatch(new RegExp(`Demo data loaded: ${DEMO_ENTERPRISES} enterprises`));
      const keys = new Map([...out.matchAll(/^ {2}([A-Z_]+) +(hub_\S+)$/gm)].map((m) => [m[1], m[2]]));
      expect([...keys.keys()].sort()).toEqual([...DEPARTMENTS].sort());
      expect(new Set(keys.values()).size).toBe(DEPARTMENTS.length);
      const firstCode = /creditCode: \\"([0-9A-Z]{18})\\"/.exec(out)?.[1];
      expect(firstCode).toBeDefined();

      const key = keys.get("EMERGENCY_MANAGEMENT")!;
      const me = await post(url, `{ me { department regionCode } }`, {}, key);
      expect(me.data?.me).toEqual({ department: "EMERGENCY_MANAGEMENT", regionCode: "320000" });

      // The printed demo enterprise: basic fields, responsible persons, penalties.
      const profile = await post(url, PROFILE, { c: firstCode }, key);
      expect(profile.errors).toBeUndefined();
      const e = profile.data.enterprise;
      expect(e).toMatchObject({ creditCode: firstCode, name: expect.stringMatching(/有限公司/) });
      expect(regionCodeProblem(e.regionCode)).toBeNull();
      const roles = e.responsiblePersons.map((rp: any) => rp.role);
      expect(roles).toEqual(expect.arrayContaining(["LEGAL_REPRESENTATIVE", "PRINCIPAL", "SAFETY_HEAD"]));
      expect(e.responsiblePersons.every((rp: any) => rp.until === null && rp.person.name && /^\d{6}\*+\w{4}$/.test(rp.person.idNumberMasked))).toBe(true);
      expect(e.penalties.totalCount).toBeGreaterThanOrEqual(3);
      for (const { node } of e.penalties.edges) {
        expect(node.decidedOn <= today()).toBe(true);
        // Public for its severity's default period (no demo penalty is SERIOUS).
        expect(node.publicUntil).toBe(node.severity === "MINOR" ? addDays(node.decidedOn, -1) : addMonths(node.decidedOn, 12));
      }
      // Two penalties within 365 days: listed automatically, and graded accordingly.
      expect(e.onWatchlist).toBe(true);
      expect(e.creditGrade?.grade).toMatch(/^[A-D]$/);

      // All of them: about 200 valid codes across Jiangsu's 13 cities and the key sectors.
      const nodes: { creditCode: string; regionCode: string; sector: string }[] = [];
      let after: string | null = null;
      do {
        const page: any = await post(url, PAGE, { after }, key);
        expect(page.errors).toBeUndefined();
        nodes.push(...page.data.enterprises.edges.map((edge: any) => edge.node));
        after = page.data.enterprises.pageInfo.hasNextPage ? page.data.enterprises.pageInfo.endCursor : null;
      } while (after);
      expect(nodes).toHaveLength(DEMO_ENTERPRISES);
      expect(nodes.filter((n) => creditCodeProblem(n.creditCode) !== null)).toEqual([]);
      expect(nodes.filter((n) => regionCodeProblem(n.regionCode) !== null)).toEqual([]);
      expect(new Set(nodes.map((n) => cityOf(n.regionCode)))).toEqual(new Set(Object.keys(JIANGSU_CITIES)));
      expect(new Set(nodes.map((n) => n.sector))).toEqual(new Set(Object.values(IndustrySector)));
      // The codes are the seed's (they do not depend on the date the set is anchored to).
      const expected = generateDemoData({ count: DEMO_ENTERPRISES, seed: DEMO_SEED, anchor: today(), publication: loadConfig({}).publication });
      expect(nodes.map((n) => n.creditCode).sort()).toEqual(expected.enterprises.map((x) => x.creditCode).sort());

      hub.child.kill("SIGTERM");
      const code = await new Promise<number | null>((resolve) => hub.child.once("exit", (c) => resolve(c)));
      expect(code).toBe(0);

      // The same folder again, with the demo seed still on: kept as it is, not seeded twice.
      const again = await startTestHub({ dataDir, keepDatabase: true, env: { HUB_DEMO_SEED: "on" } });
      try {
        expect(again.hub.demo).toBeNull();
        const ids = await again.sql<{ id: string }>(`SELECT id_number AS id FROM person`);
        expect(ids.length).toBeGreaterThan(DEMO_ENTERPRISES * 3);
        expect(ids.filter((p) => idNumberProblem(p.id) !== null)).toEqual([]);
        const agencies = await again.sql(`SELECT department, region_code AS "regionCode", scopes FROM agency WHERE revoked_at IS NULL ORDER BY department`);
        expect(agencies.map((a) => a.department)).toEqual([...DEPARTMENTS].sort());
        expect(agencies.every((a) => a.regionCode === "320000" && a.scopes.join() === "read,write")).toBe(true);
        const [counts] = await again.sql(
          `SELECT (SELECT count(*) FROM enterprise)::int AS enterprises,
             (SELECT count(*) FROM penalty)::int AS penalties,
             (SELECT count(*) FROM penalty WHERE decided_on < $1::date - interval '4 years' OR decided_on > $1::date)::int AS "outOfRange",
             (SELECT count(*) FROM watchlist_entry)::int AS watched,
             (SELECT count(*) FROM credit_grade)::int AS graded`,
          [today()],
        );
        expect(counts).toMatchObject({ enterprises: DEMO_ENTERPRISES, outOfRange: 0, graded: DEMO_ENTERPRISES });
        expect(counts.penalties).toBeGreaterThan(DEMO_ENTERPRISES);
        expect(counts.watched).toBeGreaterThan(0);
      } finally {
        await again.stop();
      }
    } finally {
      if (hub.child.exitCode === null) hub.child.kill("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
