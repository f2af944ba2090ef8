/**
 * Live rebuild under load, over real HTTP on a copy of the built sample: while clients keep
 * asking several aggregate routes (as admin and as a suppressed role) and a patient route,
 * an admin rebuilds the marts with an earlier data_through. No request fails, every answer
 * is wholly the old build's or wholly the new one's, cached answers are dropped, the audit
 * chain stays intact, and only one rebuild runs at a time, for admins only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, getJson, removeDir, startServer, testUsers, type Client, type TestServer } from './server.ts';
import { verifyAudit } from '../../server/auth/audit.ts';
import type { Serving } from '../../server/api/app.ts';

let server: TestServer;
let quality: Client;
let personId: string;

beforeAll(async () => {
  const { dir, path } = await createTestDatabase();
  server = await startServer(path, dir);
  quality = await server.signIn(testUsers.quality);
  personId = (await server.db.one<{ id: string }>(`SELECT person_id AS id FROM mart_patient WHERE admissions_12m > 0 ORDER BY person_id LIMIT 1`))!.id;
}, 240_000);
afterAll(async () => {
  await server?.close();
  if (server) removeDir(server.dir);
});

/** The last day of the month before the one `day` (YYYY-MM-DD) falls in. */
function endOfPreviousMonth(day: string): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

async function waitForRebuild(admin: Client): Promise<any> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { body } = await getJson(admin, '/api/admin/rebuild');
    if (body.state !== 'running') return body;
    if (Date.now() > deadline) throw new Error('the rebuild did not finish within 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Probe {
  name: string;
  client: () => Client;
  path: () => string;
}

const probes: Probe[] = [
  { name: 'meta', client: () => server.admin, path: () => '/api/meta' },
  { name: 'kpis', client: () => server.admin, path: () => '/api/overview/kpis' },
  { name: 'kpis (suppressed)', client: () => quality, path: () => '/api/overview/kpis' },
  { name: 'trend', client: () => server.admin, path: () => '/api/overview/trend?measure=admissions_per_1000' },
  { name: 'comparison', client: () => quality, path: () => '/api/program/comparison' },
  { name: 'pre-post', client: () => server.admin, path: () => '/api/program/pre-post' },
  { name: 'patient timeline', client: () => server.admin, path: () => `/api/patients/${encodeURIComponent(personId)}/timeline?months=60` },
];

async function snapshot(): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  for (const probe of probes) {
    const response = await probe.client().fetch(probe.path());
    expect(response.status, probe.name).toBe(200);
    bodies.set(probe.name, await response.text());
  }
  return bodies;
}

describe('rebuild while serving', () => {
  it('loses no request, never mixes builds, drops cached answers, keeps the audit chain, and allows one rebuild at a time', async () => {
    const meta = (await getJson(server.admin, '/api/meta')).body;
    const oldThrough: string = meta.build.data_through;
    const newThrough = endOfPreviousMonth(oldThrough);
    const before = await snapshot();
    expect(await snapshot()).toEqual(before);
    const auditBefore = Number((await server.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM audit_log'))!.n);

    const seen: { probe: string; status: number; body: string }[] = [];
    let stop = false;
    const worker = async (offset: number) => {
      for (let i = offset; !stop; i++) {
        const probe = probes[i % probes.length];
        const response = await probe.client().fetch(probe.path());
        seen.push({ probe: probe.name, status: response.status, body: await response.text() });
      }
    };
    const workers = Array.from({ length: 8 }, (_, i) => worker(i));

    await new Promise((r) => setTimeout(r, 300));
    const started = await server.admin.fetch('/api/admin/rebuild', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dataThrough: newThrough }) });
    expect(started.status).toBe(202);
    expect(await started.json()).toMatchObject({ state: 'running', dataThrough: newThrough, requestedBy: testUsers.admin, generation: 0 });
    const second = await server.admin.fetch('/api/admin/rebuild', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(second.status).toBe(409);
    expect((await second.json()).error).toMatch(/already running/);

    const done = await waitForRebuild(server.admin);
    const after = await snapshot();
    const watched = ['meta', 'kpis', 'patient timeline'];
    const sawAfter = () => watched.every((name) => seen.some((s) => s.probe === name && s.body === after.get(name)));
    for (const deadline = Date.now() + 10_000; !sawAfter() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await Promise.all(workers);

    expect(done).toMatchObject({ state: 'succeeded', dataThrough: newThrough, builtThrough: newThrough, error: null, generation: 1, build: { data_through: newThrough } });
    expect(done.durationMs).toBeGreaterThan(0);
    expect(JSON.parse(after.get('meta')!).build.data_through).toBe(newThrough);
    expect(JSON.parse(after.get('kpis')!).dataThrough).toBe(newThrough);
    for (const name of ['meta', 'kpis', 'kpis (suppressed)', 'trend', 'comparison', 'patient timeline']) expect(after.get(name), name).not.toBe(before.get(name));

    const failures = seen.filter((s) => s.status !== 200).map((s) => `${s.probe}: ${s.status} ${s.body.slice(0, 200)}`);
    expect(failures).toEqual([]);
    const mixed = seen.filter((s) => s.body !== before.get(s.probe) && s.body !== after.get(s.probe)).map((s) => `${s.probe}: ${s.body.slice(0, 200)}`);
    expect(mixed).toEqual([]);
    for (const name of watched) {
      const kinds = seen.filter((s) => s.probe === name);
      expect(kinds.some((s) => s.body === before.get(name)), `${name} before`).toBe(true);
      expect(kinds.some((s) => s.body === after.get(name)), `${name} after`).toBe(true);
    }

    const phiReads = seen.filter((s) => s.probe === 'patient timeline').length;
    const audit = await server.db.all<{ event: string; route: string; status: number }>('SELECT event, route, status FROM audit_log ORDER BY id OFFSET $1', [auditBefore]);
    expect(audit.filter((r) => r.event === 'phi_read').length).toBe(phiReads + 1);
    expect(audit.filter((r) => r.event === 'rebuild').map((r) => [r.route, r.status])).toEqual([
      ['POST /admin/rebuild', 202],
      ['rebuild finished', 200],
    ]);
    expect(await verifyAudit(server.db)).toMatchObject({ ok: true, firstBadId: null });
  }, 180_000);

  it('caches aggregate answers per suppression class, with an ETag; never patient answers', async () => {
    const stats = () => (server.secure.app.locals.serving as Serving).responses!.stats();
    const first = await server.admin.fetch('/api/overview/kpis?condition=diabetes');
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^W\/"/);
    const hits = stats().hits;
    const again = await server.admin.fetch('/api/overview/kpis?payer=all&condition=diabetes');
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe(await first.text());
    expect(stats().hits).toBe(hits + 1);
    expect((await server.admin.fetch('/api/overview/kpis?condition=diabetes', { headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' } })).status).toBe(304);
    const suppressed = await quality.fetch('/api/overview/kpis?condition=diabetes');
    expect(suppressed.headers.get('etag')).not.toBe(etag);
    expect((await suppressed.json()).suppression).toEqual({ threshold: 11 });
    expect((await getJson(server.admin, '/api/overview/kpis?condition=diabetes')).body.suppression).toBeNull();
    const entries = stats().entries;
    const patient = await server.admin.fetch(`/api/patients/${encodeURIComponent(personId)}`);
    expect(patient.status).toBe(200);
    expect(patient.headers.get('cache-control')).toBe('no-store');
    expect(stats().entries).toBe(entries);
  });

  it('refuses a rebuild to other roles and checks the body', async () => {
    for (const role of ['quality', 'case_manager', 'executive'] as const) {
      const client = await server.signIn(testUsers[role]);
      expect((await client.fetch('/api/admin/rebuild')).status, role).toBe(403);
      expect((await client.fetch('/api/admin/rebuild', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, role).toBe(403);
    }
    expect((await server.anonymous.fetch('/api/admin/rebuild')).status).toBe(401);
    const bad = await server.admin.fetch('/api/admin/rebuild', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dataThrough: '2024-02-30' }) });
    expect(bad.status).toBe(400);
    const noCsrf = await server.admin.fetch('/api/admin/rebuild', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': 'wrong' }, body: '{}' });
    expect(noCsrf.status).toBe(403);
    expect((await getJson(server.admin, '/api/admin/rebuild')).body.state).not.toBe('running');
  });

  it('keeps the audit chain linear under concurrent PHI reads', async () => {
    const worklist = await server.signIn(testUsers.case_manager);
    const paths = [`/api/patients/${encodeURIComponent(personId)}`, '/api/patients/worklist?pageSize=5', '/api/patients/case-finding?pageSize=5', `/api/patients/${encodeURIComponent(personId)}/timeline`];
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? worklist : server.admin).fetch(paths[i % paths.length])));
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    const ids = await server.db.all<{ id: number }>('SELECT id FROM audit_log ORDER BY id');
    expect(ids.map((r) => Number(r.id))).toEqual(ids.map((_, i) => i + 1));
    expect(await verifyAudit(server.db)).toMatchObject({ ok: true, firstBadId: null });
  });
});
