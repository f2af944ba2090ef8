/**
 * Test helpers: a private copy of the built sample database in a temp dir, the secured app
 * (sign-in, roles, suppression, audit) listening on a free loopback port, one user per
 * role, and signed-in HTTP clients.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { Database } from '../../server/engine/db.ts';
import { createSecureApp, type SecureApp } from '../../server/auth/secureApp.ts';
import type { SecurityConfig } from '../../server/auth/config.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { ensureSecurityTables, sqlTime } from '../../server/auth/schema.ts';
import type { Role } from '../../server/auth/roles.ts';
import { sampleDatabase } from './sample.ts';

/** The password of every test user. */
export const TEST_PASSWORD = 'test password 0123456789';

/** One user per role (the case manager is linked to the sample's busiest caseload). */
export const testUsers: Record<Role, string> = { admin: 'test-admin', case_manager: 'test-case-manager', quality: 'test-quality', executive: 'test-executive' };

export interface Client {
  base: string;
  /** The session cookie ("name=value"), or null without a session. */
  cookie: string | null;
  username: string | null;
  csrfToken: string | null;
  /** fetch with this client's session cookie (and CSRF token on POST/DELETE). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export interface TestServer {
  db: Database;
  base: string;
  dir: string;
  path: string;
  secure: SecureApp;
  /** Signed in as the admin. */
  admin: Client;
  /** A client without a session. */
  anonymous: Client;
  /** The case manager's caseload id. */
  caseManagerId: string;
  signIn(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

let passwordHash: Promise<string> | undefined;

/** Adds the four test users in one go (one hash, shared). */
export async function seedUsers(db: Database, caseManagerId: string): Promise<void> {
  await ensureSecurityTables(db);
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const now = sqlTime(new Date());
  for (const [role, username] of Object.entries(testUsers)) {
    await db.run(
      `INSERT INTO app_users (username, role, case_manager_id, password_hash, created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5::TIMESTAMP, $5::TIMESTAMP)`,
      [username, role, role === 'case_manager' ? caseManagerId : null, hash, now],
    );
  }
}

/** The built sample (shared, read-only) and a new temp dir for the test's own files. */
export async function createTestDatabase(): Promise<{ dir: string; path: string }> {
  const path = await sampleDatabase();
  return { dir: mkdtempSync(join(tmpdir(), 'caseload-api-')), path };
}

/** A client for `base` holding the cookie a login answer set. */
function client(base: string, cookie: string | null, csrfToken: string | null, username: string | null): Client {
  return {
    base,
    cookie,
    username,
    csrfToken,
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      if (cookie) headers.set('cookie', cookie);
      const method = (init.method ?? 'GET').toUpperCase();
      if (csrfToken && method !== 'GET' && method !== 'HEAD' && !headers.has('x-csrf-token')) headers.set('x-csrf-token', csrfToken);
      return fetch(base + path, { ...init, headers });
    },
  };
}

/** Signs in at `base`; throws unless the answer is 200. */
export async function signIn(base: string, username: string, password = TEST_PASSWORD): Promise<Client> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`sign-in of ${username} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0];
  const body = await response.json();
  return client(base, cookie, body.csrfToken, username);
}

export interface ServerOptions {
  config?: Partial<SecurityConfig>;
  clientDir?: string;
  logger?: Logger;
  /** Use this database file as it is instead of a copy of `path`. */
  inPlace?: boolean;
}

/** Serves the secured app over a private copy of `path` on 127.0.0.1, port chosen by the OS, with the test users. */
export async function startServer(path: string, dir: string, options: ServerOptions = {}): Promise<TestServer> {
  const file = options.inPlace ? path : join(dir, `caseload-${randomBytes(4).toString('hex')}.duckdb`);
  if (!options.inPlace) copyFileSync(path, file);
  const db = await Database.open(file);
  const managed = await db.one<{ id: string }>(
    `SELECT case_manager_id AS id FROM mart_patient WHERE case_manager_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  ).catch(() => undefined);
  const caseManagerId = managed?.id ?? 'CM-NONE';
  await seedUsers(db, caseManagerId);
  const secure = await createSecureApp(db, {
    secret: randomBytes(32),
    config: { loginRateLimit: { max: 1000, windowMinutes: 15 }, ...options.config },
    clientDir: options.clientDir,
    logger: options.logger ?? pino({ level: 'silent' }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = secure.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    db,
    dir,
    path: file,
    base,
    secure,
    caseManagerId,
    admin: await signIn(base, testUsers.admin),
    anonymous: client(base, null, null, null),
    signIn: (username, password) => signIn(base, username, password),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await secure.close();
      await db.closeWhenSettled();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** GET a path (as `who`: a signed-in client, or a base URL for no session) and parse JSON. */
export async function getJson<T = any>(who: string | Client, path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const response = typeof who === 'string' ? await fetch(who + path, init) : await who.fetch(path, init);
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}
