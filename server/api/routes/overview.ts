/** Overview (quality lead): KPI tiles for the period and monthly trends per cohort. */
import { kpiMeasures, measures, rateOf, type RateValue } from '../measures.ts';
import { defineRoute } from '../route.ts';
import { filterQuery, trendQuery } from '../schemas.ts';
import { previousPeriod, readBuildInfo, resolvePeriod } from '../period.ts';
import { sparklineSpec, trendSpec, type TrendPoint } from '../../charts/trend.ts';
import type { CohortId } from '../../charts/palette.ts';
import { measureReader } from '../suppression/index.ts';
import { latestSignal, type Signal } from '../signals.ts';

const tileCohorts: CohortId[] = ['managed', 'unmanaged', 'all'];

export const overviewRoutes = [
  defineRoute({
    path: '/overview/kpis',
    tag: 'overview',
    summary: 'Headline measures for the period by cohort, with 95 % intervals, change vs the previous period and sparklines. Small cells are null with suppressed: true for aggregate-only roles.',
    access: 'aggregate',
    returns: 'json',
    query: filterQuery,
    handler: async ({ db, query, res }) => {
      const info = await readBuildInfo(db);
      const period = resolvePeriod(query, info);
      const previous = previousPeriod(period);
      const reader = measureReader(db, res);
      const [current, before, monthly] = await Promise.all([reader.period(period, query), reader.period(previous, query), reader.monthly(period, query)]);
      const kpis = kpiMeasures.map((id) => {
        const measure = measures[id];
        const cohorts: Record<string, RateValue & { previous: RateValue; change: number | null; signal: Signal | null }> = {};
        for (const cohort of tileCohorts) {
          const now = rateOf(measure, current[cohort]);
          const then = rateOf(measure, before[cohort]);
          const change = now.value != null && then.value != null ? now.value - then.value : null;
          const signal = latestSignal(measure, monthly.filter((m) => m.cohort === cohort));
          cohorts[cohort] = { ...now, previous: then, change, signal };
        }
        const points: TrendPoint[] = monthly
          .filter((m) => m.cohort === 'managed' || m.cohort === 'unmanaged')
          .map((m) => ({ month: m.month, cohort: m.cohort as CohortId, ...rateOf(measure, m) }));
        return {
          measure: id,
          label: measure.label,
          unit: measure.unit,
          format: measure.format,
          numeratorLabel: measure.numeratorLabel,
          denominatorLabel: measure.denominatorLabel,
          cohorts,
          sparkline: points.some((p) => p.value !== null) ? sparklineSpec(measure, points, ['managed', 'unmanaged']) : null,
        };
      });
      return { dataThrough: info.data_through, period, previous, suppression: reader.policy, kpis };
    },
  }),
  defineRoute({
    path: '/overview/trend',
    tag: 'overview',
    summary: 'Vega-Lite spec: one measure by month, a line per cohort, data inline (suppressed months marked, never drawn as values).',
    access: 'aggregate',
    returns: 'spec',
    query: trendQuery,
    handler: async ({ db, query, res }) => {
      const info = await readBuildInfo(db);
      const period = resolvePeriod(query, info);
      const measure = measures[query.measure];
      const cohorts: CohortId[] = query.cohort ? [query.cohort] : ['managed', 'unmanaged', 'all'];
      const monthly = await measureReader(db, res).monthly(period, query);
      const points: TrendPoint[] = monthly
        .filter((m) => cohorts.includes(m.cohort as CohortId))
        .map((m) => ({ month: m.month, cohort: m.cohort as CohortId, ...rateOf(measure, m) }));
      return trendSpec(measure, points, cohorts);
    },
  }),
];
