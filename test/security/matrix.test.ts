/**
 * The route × role matrix: every mounted API route, called by each role and without a
 * session, answers as its declared access level says — 401 without a session, 403 for a
 * role it is not for, success otherwise. The table is written to
 * test-results/security/route-role-matrix.md for review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, removeDir, startServer, testUsers, type Client, type TestServer } from '../api/server.ts';
import { repoRoot } from '../../server/api/command.ts';
import { mayAccess, roles, type Role } from '../../server/auth/roles.ts';
import { requestFor, samplePeople, successStatus, type Sample } from './fixtures.ts';

let server: TestServer;
let sample: Sample;
const callers: Record<string, Client> = {};

beforeAll(async () => {
  const { dir, path } = await createTestDatabase();
  server = await startServer(path, dir);
  sample = await samplePeople(server);
  for (const role of roles) callers[role] = role === 'admin' ? server.admin : await server.signIn(testUsers[role]);
}, 240_000);
afterAll(async () => {
  await server?.close();
  removeDir(server.dir);
});

/** A fresh session for routes that end or replace it (logout, login). */
async function callerFor(who: Role | 'anonymous', route: { path: string }): Promise<Client> {
  if (who === 'anonymous') return server.anonymous;
  return route.path === '/auth/logout' || route.path === '/auth/login' ? server.signIn(testUsers[who]) : callers[who];
}

describe('route × role matrix', () => {
  it('covers every route in the route table, with sign-in, admin and data routes', () => {
    const paths = server.secure.routes.map((r) => `${(r.method ?? 'get').toUpperCase()} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /patients/worklist', 'GET /drill', 'GET /overview/kpis', 'POST /auth/login', 'GET /admin/audit.csv', 'DELETE /admin/users/:username', 'GET /openapi.json']));
    expect(server.secure.routes.length).toBeGreaterThanOrEqual(25);
  });

  it('answers 401 without a session, 403 for the wrong role, success for the right one', async () => {
    const lines = ['| route | access | anonymous | admin | case_manager | quality | executive |', '| --- | --- | --- | --- | --- | --- | --- |'];
    const failures: string[] = [];
    let unique = 0;
    for (const route of server.secure.routes) {
      const cells: string[] = [];
      for (const who of ['anonymous', ...roles] as const) {
        const caller = await callerFor(who, route);
        if (route.path === '/admin/users/:username' || route.path === '/admin/users/:username/password') {
          await server.admin.fetch('/api/admin/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `matrix-${++unique}`, role: 'executive', password: 'matrix password 0123' }) });
        } else unique++;
        const { path, init } = requestFor(route, sample, String(unique));
        const response = await caller.fetch(path, init);
        await response.arrayBuffer();
        const expected = route.access === 'public' ? successStatus(route) : who === 'anonymous' ? 401 : mayAccess(who, route.access) ? successStatus(route) : 403;
        if (response.status !== expected) failures.push(`${init.method} ${route.path} as ${who}: ${response.status}, expected ${expected}`);
        cells.push(String(response.status));
      }
      lines.push(`| ${(route.method ?? 'get').toUpperCase()} /api${route.path} | ${route.access} | ${cells.join(' | ')} |`);
    }
    const out = join(repoRoot, 'test-results', 'security');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'route-role-matrix.md'), `${lines.join('\n')}\n`);
    expect(failures).toEqual([]);
  });

  it('never answers a person-level route to the aggregate-only roles, whatever the parameters', async () => {
    for (const role of ['quality', 'executive'] as const) {
      for (const path of [`/api/patients/${sample.personId}`, `/api/patients/${sample.personId}/timeline?months=60`, '/api/patients/case-finding?pageSize=500', '/api/drill?events=readmissions&from=2022-01&to=2024-12', '/api/data-quality/rejects']) {
        const response = await callers[role].fetch(path);
        expect(response.status, `${role} ${path}`).toBe(403);
        expect(await response.json()).toEqual({ error: `The ${role} role may not use this` });
      }
    }
  });
});

describe("a case manager limited to their own caseload (caseManagerScope 'own')", () => {
  let own: TestServer;
  let me: Client;
  beforeAll(async () => {
    const { dir, path } = await createTestDatabase();
    own = await startServer(path, dir, { config: { caseManagerScope: 'own' } });
    me = await own.signIn(testUsers.case_manager);
  }, 240_000);
  afterAll(async () => {
    await own?.close();
    removeDir(own.dir);
  });

  it('sees their own worklist and discharges, never another caseload', async () => {
    const worklist = await (await me.fetch('/api/patients/worklist?pageSize=500')).json();
    expect(worklist.rows.length).toBeGreaterThan(0);
    expect(new Set(worklist.rows.map((r: { case_manager_id: string }) => r.case_manager_id))).toEqual(new Set([own.caseManagerId]));
    const discharged = await (await me.fetch('/api/patients/discharged?pageSize=500')).json();
    expect(discharged.rows.every((r: { case_manager_id: string }) => r.case_manager_id === own.caseManagerId)).toBe(true);
    expect((await me.fetch('/api/patients/worklist?caseManager=SOMEONE-ELSE')).status).toBe(403);
    const all = await (await own.admin.fetch('/api/patients/worklist?pageSize=500')).json();
    expect(all.total).toBeGreaterThan(worklist.total);
  });

  it('opens their own patients and case-finding patients, not other caseloads; no drill-down lists', async () => {
    expect((await me.fetch(`/api/patients/${sample.personId}`)).status).toBe(200);
    expect((await me.fetch(`/api/patients/${sample.personId}/timeline`)).status).toBe(200);
    expect((await me.fetch(`/api/patients/${sample.findablePersonId}`)).status).toBe(200);
    expect((await me.fetch('/api/patients/case-finding')).status).toBe(200);
    for (const path of [`/api/patients/${sample.otherPersonId}`, `/api/patients/${sample.otherPersonId}/timeline`, `/api/patients/${sample.otherPersonId}/claims?claimId=x`, '/api/drill?events=admissions&month=2024-03']) {
      expect((await me.fetch(path)).status, path).toBe(403);
    }
    const session = await (await me.fetch('/api/auth/session')).json();
    expect(session).toMatchObject({ caseManagerScope: 'own', can: { patients: true, drill: false, admin: false } });
  });
});
