/**
 * The program evaluation (Program view, the administrator) and the control charts
 * (Overview, the quality lead), both computed by server/evaluation.
 */
import { z } from 'zod';
import { defineRoute } from '../route.ts';
import { cohortIds, conditionIds } from '../schemas.ts';
import { cachedEvaluation } from '../evaluationCache.ts';
import { measureReader } from '../suppression/index.ts';
import { chartIds, controlChartMonths, periodOfDates } from '../suppression/controlChartMonths.ts';
import { suppressEvaluation } from '../suppression/evaluationCells.ts';
import { chartsFromMonths, controlChartPeriod } from '../../evaluation/control-charts.ts';
import { DEFAULT_COST_PER_FTE, type ProgramCost } from '../../evaluation/settings.ts';
import { controlChartRows, controlChartSpec } from '../../charts/controlChart.ts';
import { cohortLabels } from '../../charts/palette.ts';

const month = z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM (1900–2199)');
const name = z.string().trim().min(1).max(100).regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed');
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
const MAX_MONTHS = 120;
type Period = { from?: string; to?: string };
const ordered = (q: Period) => !q.from || !q.to || q.from <= q.to;
const orderedMessage = { message: 'from must not be after to', path: ['from'] };
const bounded = (q: Period) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < MAX_MONTHS;
const boundedMessage = { message: `a period covers at most ${MAX_MONTHS} months`, path: ['to'] };

/** Largest accepted values of the cost assumptions. */
export const costBounds = { fte: 1000, cost_per_fte: 10_000_000, pmpm: 100_000 } as const;

export const evaluationQuery = z
  .object({
    from: month.optional().describe('First month of the period of the naive rates, risk adjustment and cost (default: the build\'s default_from).'),
    to: month.optional().describe('Last month of that period (default: the month of data_through).'),
    cost: z.enum(['fte', 'pmpm']).default('fte').describe('Program cost model: case-manager FTEs × cost per FTE, or a fee per managed member per month.'),
    fte: z.coerce.number().min(0).max(costBounds.fte).optional().describe('Case-manager FTEs (cost=fte; default: average managed members / 100).'),
    cost_per_fte: z.coerce.number().min(0).max(costBounds.cost_per_fte).optional().describe(`Loaded cost of one FTE per year (cost=fte; default ${DEFAULT_COST_PER_FTE}).`),
    pmpm: z.coerce.number().min(0).max(costBounds.pmpm).optional().describe('Program fee per managed member per month (required with cost=pmpm).'),
  })
  .refine(ordered, orderedMessage)
  .refine(bounded, boundedMessage)
  .refine((q) => q.cost !== 'pmpm' || q.pmpm !== undefined, { message: 'pmpm is required when cost is pmpm', path: ['pmpm'] })
  .refine((q) => q.cost !== 'fte' || q.pmpm === undefined, { message: 'pmpm applies only when cost is pmpm', path: ['pmpm'] })
  .refine((q) => q.cost !== 'pmpm' || (q.fte === undefined && q.cost_per_fte === undefined), { message: 'fte and cost_per_fte apply only when cost is fte', path: ['cost'] });
export type EvaluationQuery = z.infer<typeof evaluationQuery>;

export const controlChartQuery = z
  .object({
    from: month.optional().describe('First month (default: the build\'s default_from).'),
    to: month.optional().describe('Last month (default: the month of data_through).'),
    cohort: z.enum(cohortIds).default('all').describe('The cohort charted.'),
    condition: z.enum(conditionIds).default('any'),
    payer: name.default('all'),
    program: name.default('all'),
    laney: z.enum(['auto', 'always', 'never']).default('auto').describe('Laney p′/u′ charts: when the median denominator is large (auto), always or never.'),
  })
  .refine(ordered, orderedMessage)
  .refine(bounded, boundedMessage);
export type ControlChartRequest = z.infer<typeof controlChartQuery>;

/** YYYY-MM → its first or last day. */
const firstDay = (m: string | undefined) => (m ? `${m}-01` : undefined);
function lastDay(m: string | undefined): string | undefined {
  if (!m) return undefined;
  const [y, mo] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
}

function costOf(q: EvaluationQuery): ProgramCost {
  return q.cost === 'pmpm' ? { kind: 'pmpm', pmpm: q.pmpm! } : { kind: 'fte', fte: q.fte, costPerFte: q.cost_per_fte ?? DEFAULT_COST_PER_FTE };
}

const chartLabels = {
  admissions: { title: 'Admissions per 1,000 member-years', numeratorLabel: 'Admissions', denominatorLabel: 'Member months', format: ',.1f', axisTitle: 'Per 1,000 member-years' },
  ed_visits: { title: 'ED visits per 1,000 member-years', numeratorLabel: 'ED visits', denominatorLabel: 'Member months', format: ',.1f', axisTitle: 'Per 1,000 member-years' },
  readmission_rate: { title: '30-day readmission rate', numeratorLabel: 'Readmissions', denominatorLabel: 'Index stays', format: '.1%', axisTitle: 'Readmitted' },
} as const;

export const evaluationRoutes = [
  defineRoute({
    path: '/program/evaluation',
    tag: 'program',
    summary: 'Program evaluation: naive and matched difference-in-differences estimates with intervals, matching counts, covariate balance, risk adjustment (O/E) and savings/ROI under the given cost assumptions. Cached per period; cost changes only re-price the savings.',
    access: 'aggregate',
    returns: 'json',
    query: evaluationQuery,
    handler: async ({ db, query, res }) =>
      suppressEvaluation(await cachedEvaluation(db, { from: firstDay(query.from), to: lastDay(query.to) }, costOf(query)), measureReader(db, res)),
  }),
  defineRoute({
    path: '/overview/control-charts',
    tag: 'overview',
    summary: 'Control charts of one cohort by month as Vega-Lite specs: p-chart of the readmission rate, u-charts of admissions and ED visits per 1,000 member-years (Laney p′/u′ when denominators are large), 3-sigma limits per month, special causes marked.',
    access: 'aggregate',
    returns: 'json',
    query: controlChartQuery,
    handler: async ({ db, query, res }) => {
      const dates = await controlChartPeriod(db, { from: firstDay(query.from), to: lastDay(query.to) });
      const slice = { condition: query.condition, payer: query.payer, program: query.program };
      const reader = measureReader(db, res);
      const { rows, withheld } = await controlChartMonths(reader, periodOfDates(dates.from, dates.to), slice, query.cohort);
      const charts = chartsFromMonths(rows, query.laney);
      const cohort = cohortLabels[query.cohort];
      return {
        cohort: query.cohort,
        from: dates.from,
        to: dates.to,
        charts: chartIds.map((id) => {
          const chart = charts[id];
          const base = { id, label: chartLabels[id].title, kind: chart.kind };
          if (withheld[id]) {
            const message = `Suppressed: some months count fewer than ${reader.policy!.threshold} events`;
            return { ...base, laney: null, centre: null, special_causes: null, suppressed: true, message, spec: null };
          }
          const rows = controlChartRows(chart);
          return {
            ...base,
            laney: chart.laney,
            centre: chart.centre,
            special_causes: rows.filter((r) => r.status === 'Special cause').length,
            suppressed: false,
            message: null,
            spec: controlChartSpec(chart, { ...chartLabels[id], cohort }, rows),
          };
        }),
      };
    },
  }),
];
