/** Shared for the security tests: real parameters for every route, so an allowed call can answer 2xx. */
import type { RouteDef } from '../../server/api/route.ts';
import type { TestServer } from '../api/server.ts';

type AnyRoute = RouteDef<never, never, never>;

export interface Sample {
  personId: string;
  otherPersonId: string;
  findablePersonId: string;
  claimId: string;
  episodeId: string;
}

/** A patient of the test case manager, one of another case manager, one on the case-finding list, and a claim and an episode of the first. */
export async function samplePeople(server: TestServer): Promise<Sample> {
  const mine = await server.db.one<{ id: string }>(`SELECT person_id AS id FROM mart_patient WHERE case_manager_id = $1 AND current_cohort = 'managed' ORDER BY admissions_12m DESC, person_id LIMIT 1`, [server.caseManagerId]);
  const other = await server.db.one<{ id: string }>(`SELECT person_id AS id FROM mart_patient WHERE case_manager_id IS NOT NULL AND case_manager_id <> $1 AND current_cohort = 'managed' ORDER BY person_id LIMIT 1`, [server.caseManagerId]);
  const findable = await server.db.one<{ id: string }>(`SELECT person_id AS id FROM mart_patient WHERE current_cohort = 'unmanaged' AND is_target ORDER BY person_id LIMIT 1`);
  const claim = await server.db.one<{ id: string }>(`SELECT claim_id AS id FROM mart_patient_timeline WHERE person_id = $1 AND claim_id IS NOT NULL LIMIT 1`, [mine!.id]);
  const episode = await server.db.one<{ id: string; person: string }>(`SELECT episode_id AS id, person_id AS person FROM mart_episode WHERE person_id = $1 LIMIT 1`, [mine!.id]);
  return { personId: mine!.id, otherPersonId: other!.id, findablePersonId: findable!.id, claimId: claim?.id ?? 'none', episodeId: episode?.id ?? 'none' };
}

/** A request that the route answers with success when the caller is allowed: path, query and body. */
export function requestFor(route: AnyRoute, sample: Sample, unique: string): { path: string; init: RequestInit } {
  const queries: Record<string, string> = {
    '/overview/trend': 'measure=admissions_per_1000',
    '/drill': 'events=admissions&month=2024-03',
    '/patients/:personId/claims': `claimId=${encodeURIComponent(sample.claimId)}`,
  };
  const query = queries[route.path];
  const path = `/api${route.path.replace(':personId', encodeURIComponent(sample.personId)).replace(':username', `matrix-${unique}`)}${query ? `?${query}` : ''}`;
  const method = (route.method ?? 'get').toUpperCase();
  const bodies: Record<string, unknown> = {
    'POST /auth/login': { username: 'test-quality', password: 'test password 0123456789' },
    'POST /admin/users': { username: `matrix-${unique}`, role: 'quality', password: 'matrix password 0123' },
    'POST /admin/users/:username/password': { password: 'another matrix password' },
  };
  const body = bodies[`${method} ${route.path}`];
  return { path, init: { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) } };
}

/** The status an allowed caller gets from `requestFor`. */
export function successStatus(route: AnyRoute): number {
  if (route.returns === 'empty') return 204;
  if (route.status) return route.status;
  if (route.method === 'post' && route.path === '/admin/users') return 201;
  return 200;
}
