/** Formatting of estimates with their intervals for the program evaluation. */
import { EM_DASH, formatMoney, formatRate } from '../../format.ts';
import type { Interval3 } from './types.ts';

const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A signed relative change as a percentage: "−12.3 %". */
export function formatRelative(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return EM_DASH;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${oneDecimal.format(Math.abs(value) * 100)} %`;
}

/** A signed number with one decimal: "−16.3". */
export function formatSigned(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return EM_DASH;
  return `${value < 0 ? '−' : value > 0 ? '+' : ''}${oneDecimal.format(Math.abs(value))}`;
}

/** A ratio with two decimals and a true minus sign. */
export function formatRatio(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return EM_DASH;
  return value < 0 ? `−${twoDecimals.format(-value)}` : twoDecimals.format(value);
}

/** Money with a minus sign rather than parentheses. */
export function formatSignedMoney(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return EM_DASH;
  return value < 0 ? `−${formatMoney(-value)}` : formatMoney(value);
}

/** "low to high", or "no interval". */
export function formatInterval(x: Interval3 | [number, number] | null | undefined, format: (v: number) => string): string {
  if (!x) return 'no interval';
  const [low, high] = Array.isArray(x) ? x : [x.ci_low, x.ci_high];
  return `${format(low)} to ${format(high)}`;
}

export { formatRate, formatMoney };

/** The interval excludes no effect (0 for a difference). */
export function excludesZero(x: Interval3 | null | undefined): boolean {
  return !!x && (x.ci_low > 0 || x.ci_high < 0);
}
