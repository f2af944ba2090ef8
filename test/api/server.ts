/** Test helpers: a built database in a temp dir, and the app listening on a free loopback port. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Database } from '../../server/engine/db.ts';
import { createApp, type AppOptions } from '../../server/api/app.ts';
import { sampleDatabase } from './sample.ts';

export interface TestServer {
  db: Database;
  base: string;
  dir: string;
  close(): Promise<void>;
}

/** The built sample database (shared, read-only) and a new temp dir for the test's own files. */
export async function createTestDatabase(): Promise<{ dir: string; path: string }> {
  const path = await sampleDatabase();
  return { dir: mkdtempSync(join(tmpdir(), 'caseload-api-')), path };
}

/** Serves the app for `path` (opened read-only) on 127.0.0.1, port chosen by the OS. */
export async function startServer(path: string, dir: string, options: AppOptions = {}): Promise<TestServer> {
  const db = await Database.open(path, { access_mode: 'READ_ONLY' });
  const app = createApp(db, { logError: () => {}, ...options });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    db,
    dir,
    base: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      db.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** GET a path and parse JSON. */
export async function getJson<T = any>(base: string, path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(base + path, init);
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}
