/** Unified social credit code, GB 32100-2015. */
const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a credit code is invalid, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `A unified social credit code has 18 characters; "${code}" has ${code.length}.`;
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return `"${code}" contains characters outside the credit code alphabet (digits and capital letters except I, O, S, V, Z).`;
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) {
    return `"${code}" fails the GB 32100 check: the last character should be ${expected}.`;
  }
  return null;
}

/** Resident ID number, GB 11643-1999. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Why an ID number is invalid, or null when it is valid. */
export function idNumberProblem(idNumber: string): string | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) {
    return "A resident ID number has 17 digits followed by a digit or X.";
  }
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const realDate = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!realDate || y < 1900 || birth.getTime() > Date.now()) {
    return `The ID number's birth date ${idNumber.slice(6, 14)} is not a real past date.`;
  }
  const expected = idNumberCheckChar(idNumber.slice(0, 17));
  if (expected !== idNumber[17]) {
    return `The ID number fails the GB 11643 check: the last character should be ${expected}.`;
  }
  return null;
}

/** 320102********1234: region and last four kept, birth date and sequence hidden. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
}

/** Normalises user input: trims and upper-cases a trailing x. */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}
