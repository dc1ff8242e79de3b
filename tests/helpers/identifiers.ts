import { creditCodeCheckChar, idNumberCheckChar } from "../../src/shared/identifiers";

let serial = 0;
const unique = () => `${process.pid % 1000}${Date.now() % 100000}${serial++}`.padStart(9, "0").slice(-9);

/** A valid, unique credit code in the given Jiangsu county (default Nanjing Xuanwu). */
export function newCreditCode(regionCode = "320102"): string {
  const first17 = `91${regionCode}${unique()}`;
  return first17 + creditCodeCheckChar(first17);
}

/** A valid, unique resident ID number. */
export function newIdNumber(birth = "19800101"): string {
  const n = unique();
  const first17 = `320102${birth}${n.slice(-3)}`;
  // Vary the birth day with the serial so that numbers stay unique beyond 1000 per run.
  const day = String((Number(n.slice(-5, -3)) % 28) + 1).padStart(2, "0");
  const withDay = `${first17.slice(0, 12)}${day}${first17.slice(14)}`;
  return withDay + idNumberCheckChar(withDay);
}
