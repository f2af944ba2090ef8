/** The audit trail: every PHI read written (who, when, route, patients or list parameters, rows), aggregates not; append-only and hash-chained; viewable and exportable by admins only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, getJson, removeDir, startServer, testUsers, type Client, type TestServer } from '../api/server.ts';
import { repoRoot } from '../../server/api/command.ts';
import { verifyAudit } from '../../server/auth/audit.ts';
import { samplePeople, type Sample } from './fixtures.ts';

let server: TestServer;
let sample: Sample;
let caseManager: Client;

beforeAll(async () => {
  const { dir, path } = await createTestDatabase();
  server = await startServer(path, dir);
  sample = await samplePeople(server);
  caseManager = await server.signIn(testUsers.case_manager);
}, 240_000);
afterAll(async () => {
  await server?.close();
  removeDir(server.dir);
});

interface AuditRow {
  id: number;
  username: string;
  role: string;
  event: string;
  route: string;
  params: string | null;
  person_ids: string[] | null;
  row_count: number | null;
  logged_at: string;
}

const lastId = async () => Number((await server.db.one<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM audit_log'))!.n);
const since = (id: number) => server.db.all<AuditRow & Record<string, unknown>>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id', [id]);

describe('PHI reads', () => {
  it('each writes one row: user, role, time, route, the patients shown or the list parameters, and the row count', async () => {
    const cases: [string, (body: any) => { ids: string[]; rows: number }][] = [
      ['/api/patients/worklist?pageSize=7&program=all', (b) => ({ ids: b.rows.map((r: { person_id: string }) => r.person_id), rows: b.rows.length })],
      ['/api/patients/discharged?withinDays=90', (b) => ({ ids: b.rows.map((r: { person_id: string }) => r.person_id), rows: b.rows.length })],
      ['/api/patients/case-finding?pageSize=5&condition=diabetes', (b) => ({ ids: b.rows.map((r: { person_id: string }) => r.person_id), rows: b.rows.length })],
      [`/api/patients/${sample.personId}`, () => ({ ids: [sample.personId], rows: 1 })],
      [`/api/patients/${sample.personId}/timeline?months=12`, (b) => ({ ids: [sample.personId], rows: b.events.length })],
      [`/api/patients/${sample.personId}/claims?claimId=${sample.claimId}`, (b) => ({ ids: [sample.personId], rows: b.rows.length })],
      ['/api/drill?events=admissions&month=2024-03&cohort=managed', (b) => ({ ids: b.rows.map((r: { person_id: string }) => r.person_id), rows: b.rows.length })],
    ];
    for (const [path, expected] of cases) {
      const before = await lastId();
      const started = Date.now();
      const { status, body } = await getJson(caseManager, path);
      expect(status, path).toBe(200);
      const rows = await since(before);
      expect(rows, path).toHaveLength(1);
      const row = rows[0];
      const want = expected(body);
      expect(row).toMatchObject({ username: testUsers.case_manager, role: 'case_manager', event: 'phi_read', row_count: want.rows, status: 200 });
      expect(row.route).toBe(`GET ${path.replace('/api', '').split('?')[0].replace(sample.personId, ':personId')}`);
      expect([...(row.person_ids ?? [])].sort()).toEqual([...new Set(want.ids)].sort());
      expect(Math.abs(Date.parse(row.logged_at) - started)).toBeLessThan(60_000);
      const params = JSON.parse(row.params!);
      for (const [key, value] of new URL(`http://x${path}`).searchParams) expect(String(params[key]), `${path} ${key}`).toBe(value);
    }
  });

  it('rejected-row reads by an admin are audited too; aggregate reads are not', async () => {
    const before = await lastId();
    expect((await server.admin.fetch('/api/data-quality/rejects?pageSize=5')).status).toBe(200);
    expect((await since(before)).map((r) => [r.event, r.route, r.username])).toEqual([['phi_read', 'GET /data-quality/rejects', testUsers.admin]]);
    const after = await lastId();
    for (const path of ['/api/meta', '/api/definitions', '/api/overview/kpis', '/api/overview/trend?measure=alos', '/api/program/comparison', '/api/program/pre-post', '/api/data-quality', '/api/openapi.json', '/api/health', '/api/auth/session']) {
      expect((await server.admin.fetch(path)).status, path).toBe(200);
      expect([200, 403]).toContain((await caseManager.fetch(path)).status);
    }
    expect(await since(after)).toEqual([]);
  });

  it('a refused PHI request is written as phi_denied; an unauthenticated one is refused without a write', async () => {
    const quality = await server.signIn(testUsers.quality);
    const before = await lastId();
    expect((await quality.fetch(`/api/patients/${sample.personId}/timeline`)).status).toBe(403);
    expect((await server.anonymous.fetch(`/api/patients/${sample.personId}`)).status).toBe(401);
    const rows = await since(before);
    expect(rows.map((r) => [r.event, r.username, r.route])).toEqual([['phi_denied', testUsers.quality, 'GET /patients/:personId/timeline']]);
    expect(JSON.parse(rows[0].params!)).toEqual({ personId: sample.personId });
  });

  it('fails closed: when the audit row cannot be written, the patient data is not sent', async () => {
    const { dir, path } = await createTestDatabase();
    const broken = await startServer(path, dir);
    try {
      await broken.db.run('DROP TABLE audit_log');
      const response = await broken.admin.fetch(`/api/patients/${sample.personId}`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: 'Internal error' });
      expect(text).not.toContain(sample.personId);
    } finally {
      await broken.close();
      removeDir(dir);
    }
  });
});

describe('the audit table', () => {
  it('records sign-ins, failures, sign-outs and account changes', async () => {
    const before = await lastId();
    await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: testUsers.quality, password: 'not the password' }) });
    const client = await server.signIn(testUsers.quality);
    await client.fetch('/api/auth/logout', { method: 'POST' });
    await server.admin.fetch('/api/admin/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'audited-user', role: 'executive', password: 'audited password 1' }) });
    await server.admin.fetch('/api/admin/users/audited-user', { method: 'DELETE' });
    const events = (await since(before)).map((r) => `${r.event}:${r.username}`);
    expect(events).toEqual([`login_failed:${testUsers.quality}`, `login:${testUsers.quality}`, `logout:${testUsers.quality}`, `user_added:${testUsers.admin}`, `user_removed:${testUsers.admin}`]);
  });

  it('is append-only: no route changes it, and no code issues UPDATE or DELETE (or DROP, ALTER, TRUNCATE) on it', async () => {
    const writes = server.secure.routes.filter((r) => r.path.startsWith('/admin/audit') && (r.method ?? 'get') !== 'get');
    expect(writes).toEqual([]);
    for (const method of ['DELETE', 'POST', 'PUT', 'PATCH']) {
      const r = await server.admin.fetch('/api/admin/audit', { method, headers: { 'content-type': 'application/json' }, body: method === 'DELETE' ? undefined : '{}' });
      expect(r.status, method).toBe(404);
    }
    const offenders: string[] = [];
    const scan = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) scan(path);
        else if (/\.(ts|sql)$/.test(name)) {
          const text = readFileSync(path, 'utf8');
          if (/\b(UPDATE|DELETE\s+FROM|TRUNCATE|DROP\s+TABLE(\s+IF\s+EXISTS)?|ALTER\s+TABLE)\s+(main\.)?audit_log\b/i.test(text)) offenders.push(path);
        }
      }
    };
    scan(join(repoRoot, 'server'));
    scan(join(repoRoot, 'sql'));
    expect(offenders).toEqual([]);
  });

  it('is hash-chained: verification passes, and an edit or a deletion made outside the app is detected at its row', async () => {
    expect(await verifyAudit(server.db)).toMatchObject({ ok: true, firstBadId: null });
    expect((await getJson(server.admin, '/api/admin/audit/verify')).body.ok).toBe(true);
    const { dir, path } = await createTestDatabase();
    const copy = await startServer(path, dir);
    try {
      for (let i = 0; i < 3; i++) await copy.admin.fetch(`/api/patients/${sample.personId}`);
      const rows = await copy.db.all<{ id: number }>(`SELECT id FROM audit_log WHERE event = 'phi_read' ORDER BY id`);
      await copy.db.run(`UPDATE audit_log SET person_ids = ['SOMEONE-ELSE'] WHERE id = $1`, [rows[1].id]);
      expect(await verifyAudit(copy.db)).toMatchObject({ ok: false, firstBadId: rows[1].id });
      await copy.db.run(`DELETE FROM audit_log WHERE id >= $1`, [rows[1].id]);
      await copy.db.run(`DELETE FROM audit_log WHERE id = $1`, [rows[0].id - 1]);
      expect((await verifyAudit(copy.db)).ok).toBe(false);
    } finally {
      await copy.close();
      removeDir(dir);
    }
  });

  it('admins page through it and export it as CSV; nobody else can', async () => {
    await caseManager.fetch(`/api/patients/${sample.personId}`);
    const page = await getJson(server.admin, `/api/admin/audit?event=phi_read&personId=${sample.personId}&pageSize=2`);
    expect(page.status).toBe(200);
    expect(page.body.rows.length).toBe(2);
    expect(page.body.total).toBeGreaterThanOrEqual(2);
    expect(page.body.rows.every((r: AuditRow) => r.event === 'phi_read' && r.person_ids!.includes(sample.personId))).toBe(true);
    const before = await lastId();
    const csv = await server.admin.fetch(`/api/admin/audit.csv?personId=${sample.personId}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?caseload-audit-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,logged_at,username,role,event,route,params,person_ids,row_count,status,request_id,client_ip,prev_hash,hash');
    expect(lines.length - 1).toBe(page.body.total + (await since(before)).length - 1);
    expect(lines.slice(1).every((l) => l.includes(sample.personId))).toBe(true);
    expect((await since(before)).map((r) => r.event)).toEqual(['audit_read']);
    for (const who of [caseManager, await server.signIn(testUsers.quality)]) {
      expect((await who.fetch('/api/admin/audit')).status).toBe(403);
      expect((await who.fetch('/api/admin/audit.csv')).status).toBe(403);
    }
  });
});
