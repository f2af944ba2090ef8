/** Patients (case manager): worklists, case finding, one patient's page, timeline and claims. All PHI. */
import { defineRoute, NotFoundError, TablePage } from '../route.ts';
import { caseFindingQuery, claimsQuery, dischargedQuery, emptyQuery, personParams, timelineQuery, worklistQuery } from '../schemas.ts';
import * as patients from '../queries/patients.ts';
import { readBuildInfo } from '../period.ts';
import { timelineSpec, type TimelineEvent } from '../../charts/timeline.ts';

function monthsBefore(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months + 1);
  return d.toISOString().slice(0, 10);
}

export const patientRoutes = [
  defineRoute({
    path: '/patients/discharged',
    tag: 'patients',
    summary: 'Managed patients discharged recently without a 7-day follow-up visit, most recent first.',
    access: 'patient',
    ownScope: 'caseload',
    returns: 'table',
    query: dischargedQuery,
    handler: async ({ db, query }) => {
      const { rows, total } = await patients.dischargedWithoutFollowup(db, query);
      return new TablePage(rows, total, query.page, query.pageSize);
    },
  }),
  defineRoute({
    path: '/patients/worklist',
    tag: 'patients',
    summary: 'Caseload (managed patients) ranked by utilization in the last 12 months.',
    access: 'patient',
    ownScope: 'caseload',
    returns: 'table',
    query: worklistQuery,
    handler: async ({ db, query }) => {
      const { rows, total } = await patients.worklist(db, query);
      return new TablePage(rows, total, query.page, query.pageSize);
    },
  }),
  defineRoute({
    path: '/patients/case-finding',
    tag: 'patients',
    summary: 'Unmanaged patients of the target population ranked by utilization: who to enrol next.',
    access: 'patient',
    ownScope: 'open',
    returns: 'table',
    query: caseFindingQuery,
    handler: async ({ db, query }) => {
      const { rows, total } = await patients.caseFinding(db, query);
      return new TablePage(rows, total, query.page, query.pageSize);
    },
  }),
  defineRoute({
    path: '/patients/:personId',
    tag: 'patients',
    summary: 'One patient: conditions, utilization, last discharge, case manager and program enrolments.',
    access: 'patient',
    ownScope: 'person',
    returns: 'json',
    params: personParams,
    query: emptyQuery,
    handler: async ({ db, params }) => {
      const row = await patients.patient(db, params.personId);
      if (!row) throw new NotFoundError(`no patient ${params.personId}`);
      return { patient: row, enrolments: await patients.enrolments(db, params.personId) };
    },
  }),
  defineRoute({
    path: '/patients/:personId/timeline',
    tag: 'patients',
    summary: "A patient's encounters over the last months: events and a Vega-Lite timeline spec.",
    access: 'patient',
    ownScope: 'person',
    returns: 'json',
    params: personParams,
    query: timelineQuery,
    handler: async ({ db, params, query }) => {
      const info = await readBuildInfo(db);
      if (!(await patients.patient(db, params.personId))) throw new NotFoundError(`no patient ${params.personId}`);
      const from = monthsBefore(info.data_through, query.months);
      const events = (await patients.timelineEvents(db, params.personId, from)) as unknown as TimelineEvent[];
      return { from, to: info.data_through, events, spec: timelineSpec(events, from, info.data_through) };
    },
  }),
  defineRoute({
    path: '/patients/:personId/claims',
    tag: 'patients',
    summary: 'The claim lines behind a timeline event (one claim, or every claim of an episode), from raw_medical_claim.',
    access: 'patient',
    ownScope: 'person',
    returns: 'table',
    params: personParams,
    query: claimsQuery,
    handler: async ({ db, params, query }) => {
      const rows = query.episodeId
        ? await patients.episodeClaimLines(db, params.personId, query.episodeId)
        : await patients.claimLines(db, params.personId, query.claimId!, query.dataSource);
      return new TablePage(rows, rows.length, 1, Math.max(rows.length, 1));
    },
  }),
];
