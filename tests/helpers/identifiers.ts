import { creditCodeCheckChar, idNumberCheckChar } from "../../src/shared/identifiers";

let serial = 0;
const unique = () => `${process.pid % 1000}${Date.now() % 100000}${serial++}`.padStart(9, "0").slice(-9);

/** A valid, unique credit code in the given Jiangsu county (default Nanjing Xuanwu). */
export function newCreditCode(regionCode = "320102"): string {
  const first17 = `91${regionCode}${unique()}`;
  return first17 + creditCodeCheckChar(first17);
}

// Where this process's ID numbers start: a random point, then one step per number, so that two
// numbers of one run never collide (the digits taken from the clock before did, now and then).
let idSerial = Math.floor(Math.random() * 1_000_000);

/**
 * A valid, unique resident ID number: the serial picks the sequence (3 digits), the birth day (28)
 * and, without a given birth date, the birth year (40), over a million numbers per run.
 */
export function newIdNumber(birth?: string): string {
  const k = idSerial++;
  const year = birth ? birth.slice(0, 4) : String(1960 + (Math.floor(k / 28_000) % 40));
  const month = birth ? birth.slice(4, 6) : "01";
  const day = String((Math.floor(k / 1000) % 28) + 1).padStart(2, "0");
  const first17 = `320102${year}${month}${day}${String(k % 1000).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}
