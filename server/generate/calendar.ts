/**
 * The generator's time axis: whole days counted from the first day of data (day 0), with
 * calendar months, ISO date strings and month-of-year lookups precomputed for speed.
 */

const DAY_MS = 86_400_000;
/** Days kept on each side of the period so dates just outside it still format fast. */
const MARGIN = 400;

export interface Calendar {
  /** First day of data (ISO). */
  start: string;
  /** Last day of data (ISO), the end of the last month. */
  end: string;
  /** Number of days in the period; valid simulation days are 0 … days − 1. */
  days: number;
  /** Number of calendar months in the period. */
  months: number;
  /** First day (day index) of each month; the first month starts at day 0. */
  monthStart: Int32Array;
  /** Last day (day index) of each month. */
  monthEnd: Int32Array;
  /** Month of year (0 = January) of each period month. */
  monthOfYear: Uint8Array;
  /** Period month of a day index (−1 outside the period). */
  monthOf(day: number): number;
  /** ISO date of a day index. */
  iso(day: number): string;
}

/** Builds the calendar for `months` calendar months starting at the ISO date `start`. */
export function buildCalendar(start: string, months: number): Calendar {
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const first = new Date(startMs);
  const endMs = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + months, 1) - DAY_MS;
  const days = Math.round((endMs - startMs) / DAY_MS) + 1;

  const monthStart = new Int32Array(months);
  const monthEnd = new Int32Array(months);
  const monthOfYear = new Uint8Array(months);
  for (let m = 0; m < months; m++) {
    const s = m === 0 ? startMs : Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
    const e = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m + 1, 1) - DAY_MS;
    monthStart[m] = Math.round((s - startMs) / DAY_MS);
    monthEnd[m] = Math.round((e - startMs) / DAY_MS);
    monthOfYear[m] = new Date(s).getUTCMonth();
  }
  const dayMonth = new Int16Array(days);
  for (let m = 0; m < months; m++) dayMonth.fill(m, monthStart[m], monthEnd[m] + 1);

  const isoTable: string[] = new Array(days + 2 * MARGIN);
  for (let i = 0; i < isoTable.length; i++) isoTable[i] = new Date(startMs + (i - MARGIN) * DAY_MS).toISOString().slice(0, 10);

  return {
    start,
    end: isoTable[days - 1 + MARGIN],
    days,
    months,
    monthStart,
    monthEnd,
    monthOfYear,
    monthOf: (day) => (day >= 0 && day < days ? dayMonth[day] : -1),
    iso: (day) => {
      const i = day + MARGIN;
      return i >= 0 && i < isoTable.length ? isoTable[i] : new Date(startMs + day * DAY_MS).toISOString().slice(0, 10);
    },
  };
}
