/** Health, build information, filter choices and the measure definitions. */
import { defineRoute } from '../route.ts';
import { emptyQuery } from '../schemas.ts';
import { readBuildInfo, resolvePeriod } from '../period.ts';
import { filterOptions } from '../queries/meta.ts';
import { measureIds, measures } from '../measures.ts';
import { cohortColours, cohortLabels } from '../../charts/palette.ts';

export const metaRoutes = [
  defineRoute({
    path: '/health',
    tag: 'meta',
    summary: 'Liveness: ok when the database answers.',
    access: 'public',
    returns: 'json',
    query: emptyQuery,
    handler: async ({ db }) => {
      await db.one('SELECT 1 AS ok');
      return { status: 'ok' };
    },
  }),
  defineRoute({
    path: '/meta',
    tag: 'meta',
    summary: 'Build information, the default period, filter choices, measures and cohort colours.',
    access: 'aggregate',
    returns: 'json',
    query: emptyQuery,
    handler: async ({ db }) => {
      const [build, filters] = await Promise.all([readBuildInfo(db), filterOptions(db)]);
      return {
        build,
        defaultPeriod: resolvePeriod({}, build),
        filters,
        measures: measureIds.map((id) => ({ id, label: measures[id].label, unit: measures[id].unit, format: measures[id].format, events: measures[id].events })),
        cohorts: Object.keys(cohortColours).map((id) => ({ id, label: cohortLabels[id as keyof typeof cohortLabels], colour: cohortColours[id as keyof typeof cohortColours] })),
      };
    },
  }),
];
