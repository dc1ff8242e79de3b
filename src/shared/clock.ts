/**
 * "Today" is the calendar date in China Standard Time whatever the server's zone.
 * Tests move the clock with `setClockOffsetDays`; nothing else should.
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function today(): string {
  return new Date(now().getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function setClockOffsetDays(days: number): void {
  offsetMs = days * DAY_MS;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `date + interval 'N months'` as PostgreSQL computes it (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, "0")}-${String(targetMonth).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/** `date + interval 'N years'` as PostgreSQL computes it (29 Feb + 1 year = 28 Feb). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const targetYear = y + years;
  const lastDay = new Date(Date.UTC(targetYear, m, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/** The date `days` working days (Mon–Fri) after `date`: 10 working days from a Friday is the Friday two weeks on. */
export function addWorkingDays(date: string, days: number): string {
  let day = date;
  for (let left = days; left > 0; ) {
    day = addDays(day, 1);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return day;
}
