/**
 * Data quality: ingest batches with reconciliation, the data-quality mart, and rejected rows.
 * Administrators only: the counts are operational and unsuppressed (a handful of events
 * outside eligibility is a small cell), and rejected rows may quote identifying values.
 */
import { defineRoute, TablePage } from '../route.ts';
import { emptyQuery, rejectsQuery } from '../schemas.ts';
import { ingestBatches, ingestFiles, ingestRejects, qualityMetrics } from '../queries/dataQuality.ts';

export const dataQualityRoutes = [
  defineRoute({
    path: '/data-quality',
    tag: 'data-quality',
    summary: 'Ingest batches and files with reconciliation (rows read = loaded + rejected) and the data-quality metrics.',
    access: 'admin',
    returns: 'json',
    query: emptyQuery,
    handler: async ({ db }) => {
      const [batches, files, metrics] = await Promise.all([ingestBatches(db), ingestFiles(db), qualityMetrics(db)]);
      return { batches, files, metrics };
    },
  }),
  defineRoute({
    path: '/data-quality/rejects',
    tag: 'data-quality',
    summary: 'Rejected rows with file, line, column, value and reason (values may identify people).',
    access: 'admin',
    phi: true,
    returns: 'table',
    query: rejectsQuery,
    handler: async ({ db, query }) => {
      const { rows, total } = await ingestRejects(db, query.batch, query.page, query.pageSize);
      return new TablePage(rows, total, query.page, query.pageSize);
    },
  }),
];
