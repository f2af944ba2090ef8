/**
 * Small-cell suppression (DESIGN.md security model, CMS policy): a count of 1–10 is not
 * shown. The role check that switches it on belongs to sign-in (issue 5), which sets
 * `res.locals.suppressSmallCells`; the handlers apply it here.
 */
import type { RateValue } from './measures.ts';

export const SMALL_CELL_MAX = 10;

/** True when a count must not be shown. */
export function isSmallCell(count: number): boolean {
  return count >= 1 && count <= SMALL_CELL_MAX;
}

/** Hides a rate whose numerator or denominator is a small cell. */
export function suppressRate<T extends RateValue>(rate: T, suppress: boolean): T & { suppressed: boolean } {
  if (!suppress || (!isSmallCell(rate.numerator) && !isSmallCell(rate.denominator))) return { ...rate, suppressed: false };
  return {
    ...rate,
    value: null,
    lower: null,
    upper: null,
    numerator: isSmallCell(rate.numerator) ? null : rate.numerator,
    denominator: isSmallCell(rate.denominator) ? null : rate.denominator,
    suppressed: true,
  } as T & { suppressed: boolean };
}
