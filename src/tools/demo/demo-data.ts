import { addDays } from "../../shared/clock";
import { creditCodeCheckChar, idNumberCheckChar } from "../../shared/identifiers";
import { JIANGSU_CITIES } from "../../shared/region";
import { Department } from "../../auth/department.enums";
import { IndustrySector } from "../../modules/enterprise/enterprise.enums";
import { PenaltyType } from "../../modules/penalty/penalty.enums";
import { ResponsibleRole } from "../../modules/person/person.enums";
import type { PublicationSettings } from "../../config";
import type { FailingCreditSeverity } from "../../modules/penalty/penalty.enums";
import { penaltySeverity, publicationEnd } from "../../modules/penalty/penalty.rules";

/** mulberry32: small, fast and deterministic, so a seed always yields the same data set. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoEnterprise {
  creditCode: string;
  name: string;
  regionCode: string;
  sector: IndustrySector;
  scale: string;
  affiliation: string;
  economicType: string;
  address: string;
}
export interface DemoPerson {
  idNumber: string;
  name: string;
}
export interface DemoHolder {
  creditCode: string;
  idNumber: string;
  role: ResponsibleRole;
  since: string;
  until: string | null;
}
export interface DemoPenalty {
  creditCode: string;
  decisionNumber: string;
  department: Department;
  decidedOn: string;
  violation: string;
  legalBasis: string;
  penaltyTypes: PenaltyType[];
  fineAmount: string | null;
  publicUntil: string;
  severity: FailingCreditSeverity;
  personIdNumber: string | null;
}
export interface DemoDataSet {
  enterprises: DemoEnterprise[];
  persons: DemoPerson[];
  holders: DemoHolder[];
  penalties: DemoPenalty[];
}

const SECTOR_WORDS: Record<IndustrySector, string[]> = {
  COAL_MINE: ["煤业", "煤矿"],
  NON_COAL_MINE: ["矿业", "石材"],
  METAL_NONMETAL_MINE: ["金属矿业", "非金属矿业"],
  TRANSPORTATION: ["物流", "运输"],
  CONSTRUCTION: ["建设工程", "建筑安装"],
  HAZARDOUS_CHEMICALS: ["化工", "石化"],
  FIREWORKS: ["烟花爆竹"],
  CIVIL_EXPLOSIVES: ["民爆器材"],
  SPECIAL_EQUIPMENT: ["起重机械", "压力容器"],
  METALLURGY: ["钢铁", "冶金"],
  OTHER: ["机械制造", "纺织"],
};
const TRADE_NAMES = ["恒泰", "华盛", "金源", "瑞丰", "长江", "新港", "宏达", "永安", "中诚", "天成", "东方", "海盛", "鑫达", "润华", "嘉和", "远航"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红";
const VIOLATIONS: [string, string][] = [
  ["未按规定对从业人员进行安全生产教育和培训", "《中华人民共和国安全生产法》第九十七条"],
  ["未对重大危险源进行登记建档和定期检测评估", "《中华人民共和国安全生产法》第一百零一条"],
  ["特种作业人员未持证上岗", "《中华人民共和国安全生产法》第九十七条"],
  ["未建立事故隐患排查治理制度", "《中华人民共和国安全生产法》第一百零二条"],
  ["危险物品储存场所与员工宿舍距离不符合要求", "《中华人民共和国安全生产法》第一百零五条"],
  ["未如实记录安全生产教育和培训情况", "《中华人民共和国安全生产法》第九十七条"],
];
const PENALISING: Department[] = [
  Department.EMERGENCY_MANAGEMENT, Department.EMERGENCY_MANAGEMENT, Department.FIRE_RESCUE,
  Department.MARKET_REGULATION, Department.ECOLOGY_ENVIRONMENT, Department.HOUSING_CONSTRUCTION, Department.TRANSPORT,
];
const DEPT_ABBR: Partial<Record<Department, string>> = {
  EMERGENCY_MANAGEMENT: "应急", FIRE_RESCUE: "消", MARKET_REGULATION: "市监", ECOLOGY_ENVIRONMENT: "环",
  HOUSING_CONSTRUCTION: "建", TRANSPORT: "交",
};

export interface DemoDataOptions {
  /** How many enterprises. */
  count: number;
  seed: number;
  /** YYYY-MM-DD every date of the set is counted back from (see generateDemoData). */
  anchor: string;
  /** Config.publication: how long penalties stay public, by severity. */
  publication: PublicationSettings;
}

/**
 * A realistic demo data set of `count` enterprises: a pure function of its options.
 *
 * Dates are counted back from `anchor`, never from the clock, so one seed and one anchor always
 * give the same rows (a seeded database can be reproduced and compared). The seeder anchors at
 * the day it runs because the watchlist, grades and risk weigh the last 365 days: data pinned to a
 * fixed calendar date would show an ever emptier demo as it ages.
 */
export function generateDemoData(options: DemoDataOptions): DemoDataSet {
  const { count, seed, anchor, publication } = options;
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const cities = Object.keys(JIANGSU_CITIES);
  const sectors = Object.values(IndustrySector);
  const data: DemoDataSet = { enterprises: [], persons: [], holders: [], penalties: [] };
  const usedIds = new Set<string>();

  const newPerson = (regionCode: string): DemoPerson => {
    let idNumber: string;
    do {
      const birth = addDays("1960-01-01", int(0, 365 * 40));
      const first17 = `${regionCode.slice(0, 4)}${String(int(2, 12)).padStart(2, "0")}${birth.replaceAll("-", "")}${String(int(1, 999)).padStart(3, "0")}`;
      idNumber = first17 + idNumberCheckChar(first17);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    const person = { idNumber, name: pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : "") };
    data.persons.push(person);
    return person;
  };

  for (let i = 0; i < count; i++) {
    const city = cities[i % cities.length];
    const regionCode = `${city.slice(0, 4)}${String(int(2, 12)).padStart(2, "0")}`;
    const sector = i < sectors.length ? sectors[i] : pick(sectors);
    const orgCode = String(10_000_000 + i * 7919 + int(0, 7000)).slice(0, 8) + String(int(0, 9));
    const first17 = `91${regionCode}${orgCode}`;
    const creditCode = first17 + creditCodeCheckChar(first17);
    const cityName = JIANGSU_CITIES[city].replace("市", "");
    data.enterprises.push({
      creditCode,
      name: `${cityName}${pick(TRADE_NAMES)}${pick(SECTOR_WORDS[sector])}有限公司${i >= TRADE_NAMES.length * 13 ? `第${i}分公司` : ""}`,
      regionCode,
      sector,
      scale: pick(["LARGE", "MEDIUM", "SMALL", "SMALL", "MICRO"]),
      affiliation: pick(["MUNICIPAL", "COUNTY", "OTHER", "OTHER", "PROVINCIAL"]),
      economicType: pick(["有限责任公司", "股份有限公司", "国有企业", "私营企业"]),
      address: `江苏省${JIANGSU_CITIES[city]}${pick(["经济开发区", "高新区", "工业园区"])}${int(1, 300)}号`,
    });

    const age = int(800, 6000);
    const founded = addDays(anchor, -age);
    const legal = newPerson(regionCode);
    // A former legal representative on some enterprises shows the kept history of a handover.
    if (rand() < 0.3) {
      const former = newPerson(regionCode);
      const handover = addDays(anchor, -int(100, 700));
      data.holders.push({ creditCode, idNumber: former.idNumber, role: ResponsibleRole.LEGAL_REPRESENTATIVE, since: founded, until: handover });
      data.holders.push({ creditCode, idNumber: legal.idNumber, role: ResponsibleRole.LEGAL_REPRESENTATIVE, since: handover, until: null });
    } else {
      data.holders.push({ creditCode, idNumber: legal.idNumber, role: ResponsibleRole.LEGAL_REPRESENTATIVE, since: founded, until: null });
    }
    const principal = rand() < 0.5 ? legal : newPerson(regionCode);
    data.holders.push({ creditCode, idNumber: principal.idNumber, role: ResponsibleRole.PRINCIPAL, since: founded, until: null });
    const safetyHead = newPerson(regionCode);
    const safetyHeadSince = addDays(founded, int(0, 300));
    data.holders.push({ creditCode, idNumber: safetyHead.idNumber, role: ResponsibleRole.SAFETY_HEAD, since: safetyHeadSince, until: null });
    const staff = Array.from({ length: int(0, 2) }, () => newPerson(regionCode));
    for (const p of staff) {
      data.holders.push({ creditCode, idNumber: p.idNumber, role: ResponsibleRole.DIRECTLY_RESPONSIBLE, since: addDays(founded, int(0, 500)), until: null });
    }

    // The first enterprise is the one start-up prints a query for: its two latest penalties fall
    // within 365 days, so its profile shows a watchlist entry and a lowered grade.
    const penalties = i === 0 ? 3 : pick([0, 0, 0, 1, 1, 2, 3, 4]);
    for (let k = 0; k < penalties; k++) {
      const department = pick(PENALISING);
      // Within the last four years and never before the enterprise existed.
      const daysAgo = i === 0 && k < 2 ? int(10, 300) : int(10, Math.min(365 * 4, age - 30));
      const decidedOn = addDays(anchor, -daysAgo);
      const [violation, legalBasis] = pick(VIOLATIONS);
      const fine = rand() < 0.8;
      const fineAmount = `${int(1, 50) * 10000}.00`;
      const types = fine ? [PenaltyType.FINE] : [PenaltyType.WARNING];
      if (rand() < 0.1) types.push(PenaltyType.SUSPEND_PRODUCTION);
      const severity = penaltySeverity(types, fine ? fineAmount : null);
      const blameSafetyHead = rand() < 0.3 && safetyHeadSince <= decidedOn;
      data.penalties.push({
        creditCode,
        decisionNumber: `${cityName}${DEPT_ABBR[department]}罚〔${decidedOn.slice(0, 4)}〕${1000 + i * 10 + k}号`,
        department,
        decidedOn,
        violation,
        legalBasis,
        penaltyTypes: types,
        fineAmount: fine ? fineAmount : null,
        // The rule recordPenalty and the penalty import apply when no publicUntil is given.
        severity,
        publicUntil: publicationEnd(severity, decidedOn, publication),
        personIdNumber: blameSafetyHead ? safetyHead.idNumber : null,
      });
    }
  }
  return data;
}
