import { badInput } from "./errors";

/** GB/T 2260 codes of Jiangsu: the province and its 13 prefecture-level cities. */
export const PROVINCE_CODE = "320000";
export const JIANGSU_CITIES: Readonly<Record<string, string>> = {
  "320100": "南京市",
  "320200": "无锡市",
  "320300": "徐州市",
  "320400": "常州市",
  "320500": "苏州市",
  "320600": "南通市",
  "320700": "连云港市",
  "320800": "淮安市",
  "320900": "盐城市",
  "321000": "扬州市",
  "321100": "镇江市",
  "321200": "泰州市",
  "321300": "宿迁市",
};

/** Why a region code is unusable, or null. Enterprises must sit in a Jiangsu city or county. */
export function regionCodeProblem(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return `"${code}" is not a six-digit GB/T 2260 division code.`;
  if (!code.startsWith("32")) return `"${code}" is outside Jiangsu (codes start with 32).`;
  if (code !== PROVINCE_CODE && !JIANGSU_CITIES[cityOf(code)]) {
    return `"${code}" is not in one of Jiangsu's 13 cities.`;
  }
  return null;
}

/** The city (prefecture) a division code belongs to: 320102 → 320100. */
export function cityOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

/**
 * The name people read for a division code: 320000 → 江苏省（省级）, a city or county code → its
 * city's name (county names are not kept), anything else → the code itself. Reports and pages
 * print this, never the bare code.
 */
export function cityName(code: string): string {
  if (code === PROVINCE_CODE) return "江苏省（省级）";
  return JIANGSU_CITIES[cityOf(code)] ?? code;
}

/** Whether an agency of `agencyRegion` covers a subject registered in `subjectRegion`. */
export function regionCovers(agencyRegion: string, subjectRegion: string): boolean {
  return agencyRegion === PROVINCE_CODE || cityOf(agencyRegion) === cityOf(subjectRegion);
}

/**
 * The SQL condition of a region filter: none for the province, the city for a city code, the
 * county for a county code (or its city where the table keeps only cities). Parameters are typed
 * char(6) like the columns, so that the (city_code, …) and (region_code, …) indexes apply.
 */
export function regionCondition(
  code: string,
  field: string,
  alias: string,
  param: (value: unknown) => string,
  options: { counties: boolean } = { counties: true },
): string | null {
  const problem = regionCodeProblem(code);
  if (problem) throw badInput(field, problem);
  if (code === PROVINCE_CODE) return null;
  if (code === cityOf(code) || !options.counties) return `${alias}.city_code = ${param(cityOf(code))}::char(6)`;
  return `${alias}.region_code = ${param(code)}::char(6)`;
}
