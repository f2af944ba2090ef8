/** Numbers and dates formatted for people: rates to one decimal, thousands separators, "Mar 2024". */
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const EM_DASH = '—';

/** A rate with one decimal and thousands separators; "—" for null. */
export function formatRate(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? EM_DASH : oneDecimal.format(value);
}

/** A proportion as a percentage with one decimal. */
export function formatPercent(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? EM_DASH : `${oneDecimal.format(value * 100)} %`;
}

/** A count with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  return value == null ? EM_DASH : whole.format(value);
}

export function formatMoney(value: number | null | undefined): string {
  return value == null ? EM_DASH : money.format(value);
}

/** A measure value in its own format (d3 format string from the API: ".1%" or ",.1f"). */
export function formatMeasure(value: number | null | undefined, format: string): string {
  return format.endsWith('%') ? formatPercent(value) : formatRate(value);
}

/** A change in the measure's unit, signed; percentage points for proportions. */
export function formatChange(value: number | null | undefined, format: string): string {
  if (value == null || !Number.isFinite(value)) return EM_DASH;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const abs = Math.abs(value);
  return format.endsWith('%') ? `${sign}${oneDecimal.format(abs * 100)} pts` : `${sign}${oneDecimal.format(abs)}`;
}

/** "2024-03", "2024-03-01" or a Date → "Mar 2024". */
export function formatMonth(value: string | Date | null | undefined): string {
  if (value == null || value === '') return EM_DASH;
  const iso = value instanceof Date ? value.toISOString() : value;
  const [y, m] = iso.split('-').map(Number);
  return `${monthNames[m - 1]} ${y}`;
}

/** "2024-03-05" → "5 Mar 2024". */
export function formatDate(value: string | Date | null | undefined): string {
  if (value == null || value === '') return EM_DASH;
  const iso = value instanceof Date ? value.toISOString() : value;
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${monthNames[m - 1]} ${y}`;
}

export function formatPeriod(period: { from: string; to: string } | undefined): string {
  if (!period) return '';
  return period.from === period.to ? formatMonth(period.from) : `${formatMonth(period.from)} – ${formatMonth(period.to)}`;
}

const conditionLabels: Record<string, string> = {
  any: 'Any condition',
  diabetes: 'Diabetes',
  hypertension: 'Hypertension',
  heart_failure: 'Heart failure',
  ihd: 'Ischemic heart disease',
};

export function formatCondition(id: string): string {
  return conditionLabels[id] ?? id;
}

export const conditionIds = Object.keys(conditionLabels);
