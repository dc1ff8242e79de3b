// Dates follow the hub's clock (China Standard Time), which tests may move.
import { today as todayCst } from "../../src/shared/clock";
import { newCreditCode, newIdNumber } from "./identifiers";
import type { TestHub } from "./test-hub";

const UPSERT = `mutation($input: EnterpriseInput!) { upsertEnterprise(input: $input) { creditCode name regionCode } }`;
const SET_PERSON = `mutation($input: ResponsiblePersonInput!) { setResponsiblePerson(input: $input) { role since until person { id name } } }`;
const RECORD_PENALTY = `mutation($input: PenaltyInput!) { recordPenalty(input: $input) { id decisionNumber decidedOn revoked } }`;

function expectData<T>(res: { data?: T | null; errors?: unknown[] }): T {
  if (res.errors?.length || !res.data) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}

const registrars = new WeakMap<TestHub, Promise<string>>();

/** Registers an enterprise as a province market-regulation agency (a department allowed to). */
export async function createEnterprise(t: TestHub, overrides: Record<string, unknown> = {}) {
  if (!registrars.has(t)) registrars.set(t, t.agency("MARKET_REGULATION"));
  const token = await registrars.get(t)!;
  const input = { creditCode: newCreditCode(), name: "南京测试化工有限公司", regionCode: "320102", sector: "HAZARDOUS_CHEMICALS", ...overrides };
  expectData(await t.gql(UPSERT, { input }, token));
  return input.creditCode as string;
}

export async function setPerson(
  t: TestHub,
  token: string,
  creditCode: string,
  role: string,
  overrides: Record<string, unknown> = {},
) {
  const input = { creditCode, role, name: "张伟", idNumber: newIdNumber(), ...overrides };
  return { input, result: expectData(await t.gql(SET_PERSON, { input }, token)) };
}

export async function recordPenalty(t: TestHub, token: string, creditCode: string, overrides: Record<string, unknown> = {}) {
  const input = {
    creditCode,
    decisionNumber: `苏应急罚〔2026〕${Math.floor(Math.random() * 1e9)}号`,
    decidedOn: "2026-01-15",
    violation: "未按规定对从业人员进行安全生产教育和培训",
    penaltyTypes: ["FINE"],
    fineAmount: "50000.00",
    ...overrides,
  };
  return expectData(await t.gql<{ recordPenalty: { id: string } }>(RECORD_PENALTY, { input }, token)).recordPenalty;
}

export { SET_PERSON, UPSERT, RECORD_PENALTY, expectData };

export const ADD_TO_BLACKLIST = `mutation($input: BlacklistInput!) { addToBlacklist(input: $input) {
  id subjectType role status listedOn validUntil person { name } } }`;

/** Lists the enterprise on the blacklist as `token`'s department; returns the entries. */
export async function blacklist(t: TestHub, token: string, creditCode: string, overrides: Record<string, unknown> = {}) {
  const input = {
    creditCode,
    decisionNumber: `苏应急黑〔2026〕${Math.floor(Math.random() * 1e9)}号`,
    ground: "MAJOR_ACCIDENT",
    reason: "发生重大生产安全事故",
    listedOn: overrides.listedOn ?? todayCst(),
    ...overrides,
  };
  return expectData(await t.gql<{ addToBlacklist: any[] }>(ADD_TO_BLACKLIST, { input }, token)).addToBlacklist;
}
