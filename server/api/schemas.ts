/**
 * Request schemas: the single source of request types, validation and the OpenAPI
 * parameters. Every query parameter the API reads is declared here.
 */
import { z } from 'zod';
import { measureIds } from './measures.ts';

export const cohortIds = ['all', 'managed', 'unmanaged', 'other'] as const;
export const conditionIds = ['any', 'diabetes', 'hypertension', 'heart_failure', 'ihd'] as const;

const month = z
  .string()
  .regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM (1900–2199)')
  .describe('A calendar month, YYYY-MM.');
/** Free text naming a payer, program or case manager: bounded, no control characters. */
const name = z.string().trim().min(1).max(100).regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed');
/** An identifier from the source data (person, claim, episode). */
const identifier = z.string().min(1).max(64).regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed');
/** Longest period a request may cover, in months. */
export const MAX_PERIOD_MONTHS = 120;
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
const periodBounded = (q: { from?: string; to?: string }) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < MAX_PERIOD_MONTHS;
const periodMessage = { message: `a period covers at most ${MAX_PERIOD_MONTHS} months`, path: ['to'] };

/** Period and population filters shared by the aggregate views. */
export const filterQuery = z
  .object({
    from: month.optional().describe('First month of the period (default: 12 months ending at data_through).'),
    to: month.optional().describe('Last month of the period (default: the month of data_through).'),
    condition: z.enum(conditionIds).default('any').describe('Target condition, or any.'),
    payer: name.default('all').describe('Payer, or all.'),
    program: name.default('all').describe('Case-management program, or all.'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine(periodBounded, periodMessage);
export type FilterQuery = z.infer<typeof filterQuery>;

export const trendQuery = z
  .object({
    from: month.optional(),
    to: month.optional(),
    condition: z.enum(conditionIds).default('any'),
    payer: name.default('all'),
    program: name.default('all'),
    measure: z.enum(measureIds).describe('The measure to chart.'),
    cohort: z.enum(cohortIds).optional().describe('Show one cohort only (default: managed, unmanaged and all).'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine(periodBounded, periodMessage);
export type TrendQuery = z.infer<typeof trendQuery>;

export const prePostQuery = z.object({
  program: name.default('all').describe('Program, or all programs together.'),
});
export type PrePostQuery = z.infer<typeof prePostQuery>;

const page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('1-based page number (at most 100,000).'),
  pageSize: z.coerce.number().int().min(1).max(500).default(50).describe('Rows per page (at most 500).'),
  dir: z.enum(['asc', 'desc']).default('desc').describe('Sort direction.'),
};

export const utilizationSorts = ['utilization', 'admissions_12m', 'ed_visits_12m', 'bed_days_12m', 'paid_12m', 'days_since_discharge', 'person_id'] as const;

export const worklistQuery = z.object({
  caseManager: name.optional().describe('Case manager id; all case managers when omitted.'),
  program: name.default('all'),
  sort: z.enum(utilizationSorts).default('utilization').describe('Ranking column; utilization = ED visits, admissions, bed days, paid (last 12 months) in that order.'),
  ...page,
});
export type WorklistQuery = z.infer<typeof worklistQuery>;

export const caseFindingQuery = z.object({
  condition: z.enum(conditionIds).default('any'),
  payer: name.default('all'),
  sort: z.enum(utilizationSorts).default('utilization'),
  ...page,
});
export type CaseFindingQuery = z.infer<typeof caseFindingQuery>;

export const dischargedQuery = z.object({
  caseManager: name.optional(),
  program: name.default('all'),
  withinDays: z.coerce.number().int().min(1).max(90).default(30).describe('Discharged at most this many days before data_through.'),
  ...page,
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type DischargedQuery = z.infer<typeof dischargedQuery>;

export const personParams = z.object({
  personId: identifier.describe('Person identifier.'),
});

export const timelineQuery = z.object({
  months: z.coerce.number().int().min(1).max(60).default(24).describe('Months before data_through to show.'),
});

export const claimsQuery = z
  .object({
    claimId: identifier.optional().describe('A claim behind a timeline event.'),
    dataSource: z.string().max(100).regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed').optional(),
    episodeId: identifier.optional().describe('An episode: its claims.'),
  })
  .refine((q) => Boolean(q.claimId) !== Boolean(q.episodeId), { message: 'give either claimId or episodeId', path: ['claimId'] });
export type ClaimsQuery = z.infer<typeof claimsQuery>;

export const drillQuery = z
  .object({
    events: z.enum(['admissions', 'ed_visits', 'readmissions']).describe('Which events: the numerator of the measure.'),
    month: month.optional().describe('Anchor month of the events; or give a period with from/to.'),
    from: month.optional().describe('First month of the period when no month is given (default as for the overview).'),
    to: month.optional().describe('Last month of the period when no month is given.'),
    cohort: z.enum(cohortIds).default('all'),
    condition: z.enum(conditionIds).default('any'),
    payer: name.default('all'),
    program: name.default('all'),
    page: page.page,
    pageSize: page.pageSize,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine(periodBounded, periodMessage);
export type DrillQuery = z.infer<typeof drillQuery>;

export const rejectsQuery = z.object({
  batch: z.coerce.number().int().min(0).max(2_147_483_647).optional().describe('Ingest batch id.'),
  page: page.page,
  pageSize: page.pageSize,
});
export type RejectsQuery = z.infer<typeof rejectsQuery>;

export const emptyQuery = z.object({});
