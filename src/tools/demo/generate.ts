import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DataSource } from "typeorm";
import { addDays, addYears, today } from "../../shared/clock";
import { creditCodeCheckChar, idNumberCheckChar } from "../../shared/identifiers";
import { JIANGSU_CITIES } from "../../shared/region";
import { DEPARTMENTS } from "../../auth/department.enums";
import { IndustrySector } from "../../modules/enterprise/enterprise.enums";
import { SANCTION_CATALOGUE, distributionFor } from "../../modules/sanction/sanction-catalogue";
import { prng } from "./demo-data";
import { loadConfig } from "../../config";
import { penaltySeverity, publicationEnd } from "../../modules/penalty/penalty.rules";

/** The default sanction task period (config HUB_SANCTION_TASK_DAYS); generated data does not read the configuration. */
const DEFAULT_TASK_DAYS = 30;

/**
 * `hub generate`: a deterministic, province-sized data set streamed into PostgreSQL with COPY.
 * Per enterprise on average: 3.5 roles, 3 penalties, 1 risk signal; 2 % watchlisted,
 * 0.5 % blacklisted (with their persons and tasks), feedback on 1 in 20 listed tasks.
 */
export interface GenerateOptions {
  enterprises: number;
  seed: number;
  agencyId: string;
  onProgress?: (done: number, total: number) => void;
}

const SECTORS = Object.values(IndustrySector);
const CITIES = Object.keys(JIANGSU_CITIES);
const PENALTY_TYPES = ["FINE", "WARNING", "FINE", "FINE", "SUSPEND_PRODUCTION"];
const SIGNALS = ["LITIGATION", "TAX_ARREARS", "WAGE_ARREARS", "ENVIRONMENTAL_EXCEEDANCE", "REGISTRATION_CHANGE", "RAPID_EXPANSION", "MARKET_VIOLATION"];
const ROLES = ["LEGAL_REPRESENTATIVE", "PRINCIPAL", "SAFETY_HEAD", "DIRECTLY_RESPONSIBLE"];
const CHUNK = 5_000;

/** COPY text format: tab-separated, \N for null, backslash escapes. */
const field = (v: unknown): string =>
  v === null || v === undefined ? "\\N" : Array.isArray(v) ? `{${v.join(",")}}` : String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n");
const line = (...values: unknown[]) => `${values.map(field).join("\t")}\n`;

type Tables = Record<string, string[]>;

/** Unique by construction (kind, enterprise index, running number), so a million rows never collide. */
function idOf(kind: number, i: number, k: number): string {
  const hex = `${kind.toString(16).padStart(4, "0")}${i.toString(16).padStart(12, "0")}${k.toString(16).padStart(16, "0")}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
// Generated penalties are public for the configuration's default periods (the data is made up).
const PUBLICATION = loadConfig({}).publication;
const KIND = { enterprise: 1, person: 2, role: 3, penalty: 4, signal: 5, watch: 6, blacklist: 7, task: 8, feedback: 9 };

/** Rows of one chunk of enterprises, per table, as COPY lines. */
function chunkRows(start: number, count: number, seed: number, agencyId: string, now: string): Tables {
  const rand = prng(seed * 1_000_003 + start);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const t: Tables = { enterprise: [], person: [], responsible_person: [], penalty: [], risk_signal: [], watchlist_entry: [],
    blacklist_entry: [], sanction_task: [], sanction_feedback: [] };
  for (let i = start; i < start + count; i++) {
    let k = 0;
    const next = (kind: number) => idOf(kind, i, k++);
    const id = next(KIND.enterprise);
    const city = CITIES[i % CITIES.length];
    const region = `${city.slice(0, 4)}${String(int(2, 12)).padStart(2, "0")}`;
    const first17 = `91${region}${String(i).padStart(9, "0")}`;
    const code = first17 + creditCodeCheckChar(first17);
    const sector = SECTORS[i % SECTORS.length];
    t.enterprise.push(line(id, code, `${JIANGSU_CITIES[city].replace("市", "")}第${i}号${sector === "HAZARDOUS_CHEMICALS" ? "化工" : "工贸"}有限公司`, region, sector, "SMALL", "OTHER", "有限责任公司", `江苏省${JIANGSU_CITIES[city]}`, "OPERATING"));

    const persons: { id: string; role: string }[] = [];
    const holders = [0, rand() < 0.5 ? 0 : 1, 2, ...(rand() < 0.5 ? [3] : []), ...(rand() < 0.25 ? [4] : [])];
    const made = new Map<number, string>();
    for (const [h, who] of holders.entries()) {
      let personId = made.get(who);
      if (!personId) {
        personId = next(KIND.person);
        made.set(who, personId);
        // Birth date from i, sequence from i's block and the holder: unique up to 2.9 million enterprises.
        const birth = addDays("1960-01-01", i % 14_600).replaceAll("-", "");
        const first17 = `${region}${birth}${String((Math.floor(i / 14_600) * 5 + who) % 1000).padStart(3, "0")}`;
        t.person.push(line(personId, first17 + idNumberCheckChar(first17), `员工${i}-${who}`));
      }
      const role = ROLES[Math.min(h, 3)];
      persons.push({ id: personId, role });
      t.responsible_person.push(line(next(KIND.role), id, personId, role, addDays(now, -int(400, 4000)), null));
    }

    const penaltyIds: string[] = [];
    for (let n = int(0, 6); n > 0; n--) {
      const decided = addDays(now, -int(1, 1500));
      const pid = next(KIND.penalty);
      penaltyIds.push(pid);
      const type = PENALTY_TYPES[int(0, PENALTY_TYPES.length - 1)];
      const fine = type === "FINE" ? `${int(1, 50) * 1000}.00` : null;
      const severity = penaltySeverity([type], fine);
      t.penalty.push(line(pid, id, `苏罚〔${decided.slice(0, 4)}〕${i}-${n}号`, DEPARTMENTS[int(1, 7)], agencyId, decided, "未按规定开展安全生产教育和培训",
        [type], fine, publicationEnd(severity, decided, PUBLICATION), severity));
    }
    t.risk_signal.push(line(next(KIND.signal), id, SIGNALS[i % SIGNALS.length], addDays(now, -int(1, 700)), "feed", `case ${i}`));

    if (i % 50 === 7) t.watchlist_entry.push(line(next(KIND.watch), id, "AUTOMATIC_RULE", "generated", addDays(now, -int(1, 300)), addDays(now, int(1, 300)), now));
    if (i % 200 === 11) {
      const entry = next(KIND.blacklist);
      const listed = addDays(now, -int(1, 700));
      const until = addYears(listed, 3);
      t.blacklist_entry.push(line(entry, "ENTERPRISE", id, null, null, null, "EMERGENCY_MANAGEMENT", agencyId, `苏应急黑〔2026〕${i}号`, "MAJOR_ACCIDENT", "generated", listed, until));
      const entries: { id: string; type: "ENTERPRISE" | "PERSON" }[] = [{ id: entry, type: "ENTERPRISE" }];
      for (const p of persons.filter((x, k) => persons.findIndex((y) => y.id === x.id) === k)) {
        const pe = next(KIND.blacklist);
        entries.push({ id: pe, type: "PERSON" });
        t.blacklist_entry.push(line(pe, "PERSON", id, p.id, p.role, entry, "EMERGENCY_MANAGEMENT", agencyId, `苏应急黑〔2026〕${i}号`, "MAJOR_ACCIDENT", "generated", listed, until));
      }
      for (const e of entries) {
        // Generated tasks are version 1's, the built-in catalogue (the column's default).
        for (const d of distributionFor(SANCTION_CATALOGUE, e.type)) {
          const task = next(KIND.task);
          // Distributed now (distributed_at's default), due after the default period (HUB_SANCTION_TASK_DAYS).
          t.sanction_task.push(line(task, e.id, d.measure, d.department, addDays(now, DEFAULT_TASK_DAYS)));
          if (rand() < 0.05) {
            t.sanction_feedback.push(line(next(KIND.feedback), agencyId, d.department, `GEN-${task}`, "0".repeat(64), e.id, task, d.measure, "OTHER", listed, "APPLIED"));
          }
        }
      }
    }
  }
  return t;
}

const COLUMNS: Record<string, string> = {
  enterprise: "id, credit_code, name, region_code, sector, scale, affiliation, economic_type, address, status",
  person: "id, id_number, name",
  responsible_person: "id, enterprise_id, person_id, role, since, until",
  penalty: "id, enterprise_id, decision_number, department, agency_id, decided_on, violation, penalty_types, fine_amount, public_until, severity",
  risk_signal: "id, enterprise_id, type, occurred_on, source, detail",
  watchlist_entry: "id, enterprise_id, basis, reason, listed_on, valid_until, warning_issued_on",
  blacklist_entry: "id, subject_type, enterprise_id, person_id, role, listed_with, recognized_by, agency_id, decision_number, ground, reason, listed_on, valid_until",
  sanction_task: "id, blacklist_entry_id, measure, department, due_on",
  sanction_feedback: "id, agency_id, department, client_reference, content_hash, blacklist_entry_id, task_id, measure, matter, applied_on, outcome",
};

/** Streams the data set with COPY (one COPY per table per chunk); returns the row counts. */
export async function generate(db: DataSource, options: GenerateOptions): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(Object.keys(COLUMNS).map((k) => [k, 0]));
  const runner = db.createQueryRunner();
  await runner.connect();
  const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
  const now = today();
  try {
    for (let start = 0; start < options.enterprises; start += CHUNK) {
      const rows = chunkRows(start, Math.min(CHUNK, options.enterprises - start), options.seed, options.agencyId, now);
      // Parents before children (foreign keys).
      for (const table of Object.keys(COLUMNS)) {
        if (!rows[table].length) continue;
        await pipeline(Readable.from(rows[table]), client.query(copyFrom(`COPY ${table} (${COLUMNS[table]}) FROM STDIN`)));
        counts[table] += rows[table].length;
      }
      options.onProgress?.(Math.min(start + CHUNK, options.enterprises), options.enterprises);
    }
  } finally {
    await runner.release();
  }
  return counts;
}
