/**
 * One colour per cohort everywhere (Okabe–Ito, colour-blind safe); grey for all; the
 * vermillion is kept for signals only. The client reads the same constants.
 */
export const cohortColours = {
  managed: '#0072B2',
  unmanaged: '#E69F00',
  all: '#6B6B6B',
  other: '#CC79A7',
} as const;
export type CohortId = keyof typeof cohortColours;

export const cohortLabels: Record<CohortId, string> = {
  managed: 'Managed',
  unmanaged: 'Unmanaged',
  all: 'All members',
  other: 'Other',
};

export const signalColour = '#D55E00';
export const inkColour = '#333333';

/** A Vega-Lite colour scale fixing each cohort's colour, for the cohorts present. */
export function cohortScale(cohorts: CohortId[]): { domain: string[]; range: string[] } {
  return { domain: cohorts.map((c) => cohortLabels[c]), range: cohorts.map((c) => cohortColours[c]) };
}

/** Shared look: calm axes, no chart border, system font. */
export const baseConfig = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelColor: inkColour, titleColor: inkColour, gridColor: '#e6e6e6', domainColor: '#999999', tickColor: '#999999', labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' as const },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'top' as const, title: null },
  title: { fontSize: 13, fontWeight: 600 as const, anchor: 'start' as const, color: inkColour, subtitleColor: '#555555', subtitleFontSize: 11 },
};
