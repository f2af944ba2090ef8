/**
 * Hardening: security headers and CSP, body and parameter bounds, SQL-injection and
 * path-traversal strings in every parameter, errors without internals, logs without PHI,
 * owner-only files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createTestDatabase, getJson, removeDir, startServer, testUsers, TEST_PASSWORD, type TestServer } from '../api/server.ts';
import { withLock } from '../api/sample.ts';
import { clientDistDir } from '../../server/api/command.ts';
import { ensureClientBuilt } from '../../server/api/start.ts';
import { Database } from '../../server/engine/db.ts';
import { loadOrCreateSecret } from '../../server/auth/secret.ts';
import { samplePeople, type Sample } from './fixtures.ts';

let server: TestServer;
let sample: Sample;
const logLines: string[] = [];

beforeAll(async () => {
  const { dir, path } = await createTestDatabase();
  await withLock(join(tmpdir(), 'caseload-client-build.lock'), () => ensureClientBuilt());
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  server = await startServer(path, dir, { clientDir: clientDistDir, logger: pino({ level: 'info' }, sink) });
  sample = await samplePeople(server);
}, 240_000);
afterAll(async () => {
  await server?.close();
  removeDir(server.dir);
});

describe('headers', () => {
  it('send a strict Content-Security-Policy (no inline script or style, no eval) and the helmet headers, on the API and the client', async () => {
    for (const path of ['/', '/patients', '/api/health', '/api/meta']) {
      const response = await fetch(server.base + path);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp, path).toBe("default-src 'self';script-src 'self';style-src 'self';img-src 'self' data: blob:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('mark person-level answers as not to be cached', async () => {
    const response = await server.admin.fetch(`/api/patients/${sample.personId}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('bounds', () => {
  it('refuse a body over 16 kB, malformed JSON and non-JSON posts without internals', async () => {
    const big = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'x', password: 'y'.repeat(20_000) }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'Request body too large' });
    const malformed = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'Bad request' });
    const form = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'username=x' });
    expect(form.status).toBe(415);
  });

  it.each([
    ['/api/overview/kpis?from=1800-01', 'from'],
    ['/api/overview/kpis?to=2300-01', 'to'],
    ['/api/overview/kpis?from=1990-01&to=2024-12', 'to'],
    ['/api/overview/trend?measure=alos&from=2000-01&to=2024-12', 'to'],
    ['/api/drill?events=admissions&from=2000-01&to=2024-12', 'to'],
    ['/api/patients/worklist?pageSize=501', 'pageSize'],
    ['/api/patients/worklist?page=100001', 'page'],
    ['/api/patients/discharged?withinDays=91', 'withinDays'],
    [`/api/patients/${'x'.repeat(65)}`, 'personId'],
    ['/api/patients/worklist?program=' + 'p'.repeat(101), 'program'],
    ['/api/patients/worklist?program=a%0Ab', 'program'],
    ['/api/patients/P1/timeline?months=61', 'months'],
    ['/api/admin/audit?pageSize=501', 'pageSize'],
    ['/api/admin/audit?from=2024-02-30x', 'from'],
    ['/api/data-quality/rejects?batch=99999999999', 'batch'],
  ])('%s → 400 naming %s', async (path, parameter) => {
    const { status, body } = await getJson(server.admin, path);
    expect(status).toBe(400);
    expect(body.issues.map((i: { path: string }) => i.path)).toContain(parameter);
  });
});

const hostile = [
  "' OR '1'='1",
  "x'; DROP TABLE app_users; --",
  '1) UNION SELECT password_hash FROM app_users --',
  '$1',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '<script>alert(1)</script>',
  '\u0000',
];

describe('hostile parameters', () => {
  it('SQL-injection and path-traversal strings in every query and path parameter of every GET route: 200, 400 or 404, never 500, never data they should not reach', async () => {
    const { body: doc } = await getJson(server.admin, '/api/openapi.json');
    const usersBefore = await server.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM app_users');
    const seen: string[] = [];
    let calls = 0;
    for (const [template, ops] of Object.entries<Record<string, { parameters: { name: string; in: string }[] }>>(doc.paths)) {
      const get = ops.get;
      if (!get) continue;
      for (const parameter of get.parameters) {
        for (const value of hostile) {
          const pathParams: Record<string, string> = { personId: sample.personId, username: testUsers.quality };
          const query = new URLSearchParams({ ...(template.endsWith('/trend') ? { measure: 'alos' } : {}), ...(template.endsWith('/drill') ? { events: 'admissions' } : {}), ...(template.endsWith('/claims') ? { claimId: 'x' } : {}) });
          if (parameter.in === 'path') pathParams[parameter.name] = value;
          else query.set(parameter.name, value);
          if (template.endsWith('/claims') && parameter.name === 'episodeId') query.delete('claimId');
          const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name])) + `?${query}`;
          const response = await server.admin.fetch(path);
          const text = await response.text();
          calls++;
          seen.push(`${response.status}`);
          expect([200, 400, 404], `${path} → ${response.status} ${text.slice(0, 200)}`).toContain(response.status);
          expect(text).not.toMatch(/scrypt\$|Catalog Error|Parser Error|Binder Error|root:x:0|\[fonts\]|"name": "caseload"|at .*\.ts:\d+/);
        }
      }
    }
    expect(calls).toBeGreaterThan(200);
    expect(seen).toContain('200');
    expect(seen).toContain('400');
    expect((await server.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM app_users'))!.n).toBe(usersBefore!.n);
    expect((await server.admin.fetch('/api/health')).status).toBe(200);
  });

  it('in sign-in and account bodies: refused or not found, never 500', async () => {
    for (const value of hostile) {
      const login = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: value, password: value || 'x' }) });
      expect([400, 401, 429]).toContain(login.status);
      const add = await server.admin.fetch('/api/admin/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: value, role: 'quality', password: 'a long enough password' }) });
      expect(add.status).toBe(400);
      const remove = await server.admin.fetch(`/api/admin/users/${encodeURIComponent(value)}`, { method: 'DELETE' });
      expect([400, 404]).toContain(remove.status);
    }
    expect((await server.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM app_users WHERE username = $1`, [testUsers.quality]))!.n).toBe(1);
  });

  it('path traversal on the static client never serves a file from outside dist/client', async () => {
    for (const path of ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2f..%2fpackage.json', '/..%5c..%5cpackage.json', '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/assets/%2e%2e/%2e%2e/%2e%2e/server/auth/secret.ts']) {
      const response = await fetch(server.base + path);
      const text = await response.text();
      expect([200, 400, 403, 404], path).toContain(response.status);
      expect(text, path).not.toMatch(/"name": "caseload"|root:x:0|loadOrCreateSecret/);
    }
  });
});

describe('logs', () => {
  it('are structured JSON with request id, route pattern, status, duration and user, and carry no patient ids, filter values, passwords or tokens', async () => {
    logLines.length = 0;
    const client = await server.signIn(testUsers.case_manager);
    await client.fetch(`/api/patients/${sample.personId}/timeline?months=12`);
    await client.fetch(`/api/patients/worklist?program=SECRET-PROGRAM-NAME`);
    await client.fetch(`/api/overview/kpis?payer=SECRET-PAYER-NAME`);
    await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: testUsers.quality, password: 'SECRET-WRONG-PASSWORD' }) });
    await new Promise((r) => setTimeout(r, 50));
    const entries = logLines.map((l) => JSON.parse(l));
    const timeline = entries.find((e) => e.route === 'GET /api/patients/:personId/timeline');
    expect(timeline).toMatchObject({ level: 30, status: 200, user: testUsers.case_manager, role: 'case_manager', msg: 'request' });
    expect(timeline.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof timeline.ms).toBe('number');
    expect(entries.some((e) => e.route === 'POST /api/auth/login' && e.status === 401)).toBe(true);
    const text = logLines.join('\n');
    for (const secret of [sample.personId, 'SECRET-PROGRAM-NAME', 'SECRET-PAYER-NAME', 'SECRET-WRONG-PASSWORD', TEST_PASSWORD, client.cookie!.split('=')[1], client.csrfToken!]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('files', () => {
  it('a new database file and the secret are owner-only (0600); a readable secret is tightened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caseload-perm-'));
    try {
      const db = await Database.open(join(dir, 'new.duckdb'));
      db.close();
      expect(statSync(join(dir, 'new.duckdb')).mode & 0o777).toBe(0o600);
      const secret = loadOrCreateSecret(join(dir, 'new.duckdb.secret'));
      expect(secret.length).toBe(32);
      expect(statSync(join(dir, 'new.duckdb.secret')).mode & 0o777).toBe(0o600);
      writeFileSync(join(dir, 'loose.secret'), readFileSync(join(dir, 'new.duckdb.secret')));
      chmodSync(join(dir, 'loose.secret'), 0o644);
      expect(loadOrCreateSecret(join(dir, 'loose.secret')).equals(secret)).toBe(true);
      expect(statSync(join(dir, 'loose.secret')).mode & 0o777).toBe(0o600);
    } finally {
      removeDir(dir);
    }
  });
});
