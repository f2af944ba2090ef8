/** A patient's encounters over time: stays as bars from admission to discharge, other contacts as ticks. */
import type { TopLevelSpec } from 'vega-lite';
import { baseConfig, inkColour } from './palette.ts';

export const timelineKinds = ['inpatient', 'ed', 'office', 'tcm', 'ccm', 'other'] as const;
export const timelineKindLabels: Record<string, string> = {
  inpatient: 'Inpatient stay',
  ed: 'ED visit',
  office: 'Office visit',
  tcm: 'TCM contact',
  ccm: 'CCM contact',
  other: 'Other',
};

export interface TimelineEvent {
  event_date: string;
  end_date: string | null;
  kind: string;
  label: string | null;
  claim_id: string | null;
  data_source: string | null;
  episode_id: string | null;
  paid_amount: number | null;
}

/** Rows per kind of contact over [from, to]; clicking a mark selects its claim or episode. */
export function timelineSpec(events: TimelineEvent[], from: string, to: string): TopLevelSpec {
  const rows = events.map((e) => ({
    ...e,
    end: e.end_date && e.end_date > e.event_date ? e.end_date : e.event_date,
    barEnd: dayAfter(e.end_date && e.end_date > e.event_date ? e.end_date : e.event_date),
    kindLabel: timelineKindLabels[e.kind] ?? e.kind,
  }));
  const tooltip = [
    { field: 'kindLabel', type: 'nominal' as const, title: 'Contact' },
    { field: 'event_date', type: 'temporal' as const, timeUnit: 'utcyearmonthdate' as const, title: 'From', format: '%-d %b %Y' },
    { field: 'end', type: 'temporal' as const, timeUnit: 'utcyearmonthdate' as const, title: 'To', format: '%-d %b %Y' },
    { field: 'label', type: 'nominal' as const, title: 'Detail' },
    { field: 'paid_amount', type: 'quantitative' as const, title: 'Paid ($)', format: '$,.0f' },
  ];
  const x = {
    field: 'event_date',
    type: 'temporal' as const,
    timeUnit: 'utcyearmonthdate' as const,
    title: 'Date of service',
    axis: { format: '%b %Y', labelAngle: 0, tickCount: 8 },
  };
  const y = { field: 'kindLabel', type: 'nominal' as const, title: null, sort: timelineKinds.map((k) => timelineKindLabels[k]), scale: { domain: timelineKinds.map((k) => timelineKindLabels[k]) } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Encounter timeline', subtitle: 'Stays, ED visits, office visits and care-management contacts; click a mark for its claims' },
    width: 'container',
    height: 170,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: baseConfig,
    datasets: { events: rows, bounds: [{ event_date: from }, { event_date: dayAfter(to) }] },
    layer: [
      {
        data: { name: 'bounds' },
        mark: { type: 'point', opacity: 0, aria: false },
        encoding: { x },
      },
      ...(!rows.some((r) => r.kind === 'inpatient') ? [] : [{
        data: { name: 'events' },
        transform: [{ filter: "datum.kind === 'inpatient'" }],
        mark: { type: 'bar', height: 14, color: inkColour, cursor: 'pointer', description: 'Inpatient stays' },
        encoding: { x, x2: { field: 'barEnd' }, y, tooltip },
      }]),
      ...(!rows.some((r) => r.kind !== 'inpatient') ? [] : [{
        data: { name: 'events' },
        transform: [{ filter: "datum.kind !== 'inpatient'" }],
        mark: { type: 'tick', thickness: 2, color: inkColour, cursor: 'pointer', description: 'ED visits, office visits and care-management contacts' },
        encoding: { x, y, tooltip },
      }]),
    ],
  } as TopLevelSpec;
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
