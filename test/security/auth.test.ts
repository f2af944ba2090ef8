/** Sign-in: password storage, session cookies, idle and absolute expiry, logout, lockout, rate limiting and CSRF. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, getJson, removeDir, startServer, testUsers, TEST_PASSWORD, type TestServer } from '../api/server.ts';
import { hashPassword, passwordProblems, verifyPassword } from '../../server/auth/password.ts';
import { SessionStore } from '../../server/auth/sessions.ts';

let server: TestServer;

beforeAll(async () => {
  const { dir, path } = await createTestDatabase();
  server = await startServer(path, dir, { config: { lockout: { maxFailures: 3, minutes: 15 } } });
}, 240_000);
afterAll(async () => {
  await server?.close();
  removeDir(server.dir);
});

const login = (body: object, headers: Record<string, string> = {}) =>
  fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('passwords', () => {
  it('are stored as salted scrypt hashes (memory-hard), never in clear', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    const stored = await server.db.all<{ password_hash: string }>('SELECT password_hash FROM app_users');
    expect(stored.every((r) => r.password_hash.startsWith('scrypt$') && !r.password_hash.includes(TEST_PASSWORD))).toBe(true);
  });

  it('refuse weak new passwords', () => {
    expect(passwordProblems('short')).toContain('use at least 12 characters');
    expect(passwordProblems('alice-is-my-password', 'alice')).toContain('do not include the user name');
    expect(passwordProblems('aaaaaaaaaaaaaaaa')).toContain('do not repeat one character');
    expect(passwordProblems('a long enough passphrase')).toEqual([]);
  });

  it('have no default: a database without users lets nobody in', async () => {
    await server.db.run(`INSERT INTO app_users SELECT 'probe-admin', 'admin', NULL, 'scrypt$1$1$1$AAAA$AAAA', false, 0, NULL, now()::TIMESTAMP, now()::TIMESTAMP, NULL`);
    for (const [username, password] of [['admin', 'admin'], ['admin', ''], ['probe-admin', 'AAAA'], ['root', 'password']]) {
      expect((await login({ username, password: password || 'x' })).status).not.toBe(200);
    }
    await server.db.run(`DELETE FROM app_users WHERE username = 'probe-admin'`);
  });
});

describe('sessions', () => {
  it('sign-in sets an httpOnly, SameSite=Strict cookie (Secure with the __Host- prefix behind an https proxy) holding only a random token', async () => {
    const response = await login({ username: testUsers.executive, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^caseload_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(testUsers.executive);
    const body = await response.json();
    expect(body.user).toEqual({ username: testUsers.executive, role: 'executive', roleLabel: 'Executive', caseManagerId: null });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expires.absolute) - Date.parse(body.expires.idle)).toBeCloseTo((12 * 60 - 30) * 60_000, -4);

    const { dir, path } = await createTestDatabase();
    const proxied = await startServer(path, dir, { config: { trustProxy: 'loopback' } });
    try {
      const behindTls = await fetch(`${proxied.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ username: testUsers.quality, password: TEST_PASSWORD }) });
      expect(behindTls.headers.get('set-cookie')).toMatch(/^__Host-caseload_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
      expect(behindTls.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
      expect(behindTls.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await proxied.close();
      removeDir(dir);
    }
  });

  it('logout ends the session on the server, not only in the browser', async () => {
    const client = await server.signIn(testUsers.quality);
    expect((await client.fetch('/api/meta')).status).toBe(200);
    const out = await client.fetch('/api/auth/logout', { method: 'POST' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/caseload_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await client.fetch('/api/meta')).status).toBe(401);
    expect((await getJson(client, '/api/auth/session')).body).toEqual({ user: null });
  });

  it('a new sign-in gets a new token (no session fixation)', async () => {
    const first = await server.signIn(testUsers.quality);
    const second = await server.signIn(testUsers.quality);
    expect(first.cookie).not.toBe(second.cookie);
  });

  it('expire after 30 idle minutes and 12 hours in all, whatever the activity', () => {
    let now = 0;
    const store = new SessionStore(randomBytes(32), { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 }, () => now);
    const { token } = store.create({ username: 'u', role: 'quality', caseManagerId: null });
    now = 29 * 60_000;
    expect(store.touch(token)).toBeDefined();
    now += 31 * 60_000;
    expect(store.touch(token)).toBeUndefined();
    const busy = store.create({ username: 'v', role: 'quality', caseManagerId: null }).token;
    const started = now;
    while (now - started < 12 * 3_600_000 - 20 * 60_000) {
      now += 20 * 60_000;
      expect(store.touch(busy)).toBeDefined();
    }
    now += 21 * 60_000;
    expect(store.touch(busy)).toBeUndefined();
    expect(store.touch('not-a-token')).toBeUndefined();
    store.close();
  });

  it('end when the user is removed or the password is changed', async () => {
    const add = await server.admin.fetch('/api/admin/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'temp-user', role: 'quality', password: 'temporary password 1' }) });
    expect(add.status).toBe(201);
    expect(JSON.stringify(await add.json())).not.toMatch(/scrypt|password_hash|passwordHash/);
    const temp = await server.signIn('temp-user', 'temporary password 1');
    const reset = await server.admin.fetch('/api/admin/users/temp-user/password', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'another temporary pw' }) });
    expect(reset.status).toBe(204);
    expect((await temp.fetch('/api/meta')).status).toBe(401);
    const again = await server.signIn('temp-user', 'another temporary pw');
    expect((await server.admin.fetch('/api/admin/users/temp-user', { method: 'DELETE' })).status).toBe(204);
    expect((await again.fetch('/api/meta')).status).toBe(401);
    expect((await login({ username: 'temp-user', password: 'another temporary pw' })).status).toBe(401);
  });
});

describe('brute force', () => {
  it('locks an account after 3 failures (configured; default 5), even against the right password, and says so', async () => {
    const name = testUsers.executive;
    for (let i = 0; i < 2; i++) {
      const r = await login({ username: name, password: `wrong guess ${i}` });
      expect(r.status).toBe(401);
      expect(await r.json()).toEqual({ error: 'Wrong user name or password' });
    }
    const third = await login({ username: name, password: 'wrong guess 2' });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('900');
    const right = await login({ username: name, password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    expect((await right.json()).error).toMatch(/locked for 15 minutes/);
    const row = await server.db.one<{ locked: boolean }>('SELECT locked_until > now()::TIMESTAMP AS locked FROM app_users WHERE username = $1', [name]);
    expect(row?.locked).toBe(true);
    // An admin's password reset clears the lockout.
    const reset = await server.admin.fetch(`/api/admin/users/${name}/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: TEST_PASSWORD.replace('test', 'next') }) });
    expect(reset.status).toBe(204);
    expect((await login({ username: name, password: TEST_PASSWORD.replace('test', 'next') })).status).toBe(200);
  });

  it('treats unknown user names exactly like real ones (no enumeration)', async () => {
    const answers: [number, string][] = [];
    for (let i = 0; i < 4; i++) {
      const r = await login({ username: 'nobody-here', password: `guess ${i} of many` });
      answers.push([r.status, (await r.json()).error]);
    }
    expect(answers.map((a) => a[0])).toEqual([401, 401, 429, 429]);
    expect(answers[0][1]).toBe('Wrong user name or password');
    expect(answers[2][1]).toMatch(/locked for 15 minutes/);
  });

  it('rate-limits sign-in attempts per address (express-rate-limit)', async () => {
    const { dir, path } = await createTestDatabase();
    const limited = await startServer(path, dir, { config: { loginRateLimit: { max: 3, windowMinutes: 15 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await fetch(`${limited.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `spray-${i}`, password: 'a password guess' }) });
        statuses.push(r.status);
        if (r.status === 429) expect((await r.json()).error).toMatch(/from this address/);
        else await r.arrayBuffer();
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
      removeDir(dir);
    }
  });
});

describe('CSRF', () => {
  const addUser = (headers: Record<string, string>, body: string = JSON.stringify({ username: `csrf-${randomBytes(3).toString('hex')}`, role: 'quality', password: 'csrf test password' })) =>
    fetch(`${server.base}/api/admin/users`, { method: 'POST', headers: { cookie: server.admin.cookie!, ...headers }, body });

  it('refuses a state-changing request without the session token, with a wrong one, or from another origin', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await addUser(json)).status).toBe(403);
    expect((await addUser({ ...json, 'x-csrf-token': 'forged' })).status).toBe(403);
    const crossSite = await addUser({ ...json, 'x-csrf-token': server.admin.csrfToken!, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toEqual({ error: 'Cross-site request refused (CSRF check)' });
    expect((await addUser({ ...json, 'x-csrf-token': server.admin.csrfToken!, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await fetch(`${server.base}/api/auth/logout`, { method: 'POST', headers: { cookie: server.admin.cookie! } })).status).toBe(403);
    expect((await addUser({ ...json, 'x-csrf-token': server.admin.csrfToken!, origin: server.base })).status).toBe(201);
  });

  it('refuses a form post (a cross-site form cannot send JSON) and a cross-site sign-in', async () => {
    const form = await addUser({ 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': server.admin.csrfToken! }, 'username=x&role=admin&password=yyyyyyyyyyyyyy');
    expect(form.status).toBe(415);
    const crossLogin = await login({ username: testUsers.quality, password: TEST_PASSWORD }, { origin: 'https://evil.example' });
    expect(crossLogin.status).toBe(403);
    expect(crossLogin.headers.get('set-cookie')).toBeNull();
  });

  it("a token of another session does not work", async () => {
    const other = await server.signIn(testUsers.quality);
    expect((await addUser({ 'content-type': 'application/json', 'x-csrf-token': other.csrfToken! })).status).toBe(403);
  });
});
