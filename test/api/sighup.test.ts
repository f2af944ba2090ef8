/**
 * `caseload serve` and a rebuild from outside: SIGHUP rebuilds the marts (logged, audited)
 * while it keeps serving; `caseload build` or `ingest` against the file the server holds
 * exits 1 saying so, with the server's PID and how to rebuild instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleDatabase } from './sample.ts';
import { repoRoot } from '../../server/api/command.ts';
import { removeDir } from './server.ts';
import { Database } from '../../server/engine/db.ts';
import { verifyAudit } from '../../server/auth/audit.ts';

const cli = join(repoRoot, 'bin', 'caseload.mjs');
let dir: string;
let db: string;
let child: ChildProcess | undefined;
let out = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caseload-sighup-'));
  db = join(dir, 'caseload.duckdb');
  copyFileSync(await sampleDatabase(), db);
}, 240_000);
afterAll(() => {
  if (child?.pid && child.exitCode === null) child.kill('SIGKILL');
  removeDir(dir);
});

const waitFor = (pattern: RegExp, ms: number) =>
  new Promise<RegExpMatchArray>((resolve, reject) => {
    const deadline = Date.now() + ms;
    const poll = () => {
      const match = out.match(pattern);
      if (match) return resolve(match);
      if (Date.now() > deadline || child?.exitCode != null) return reject(new Error(`no ${pattern} in: ${out.slice(-3000)}`));
      setTimeout(poll, 50);
    };
    poll();
  });

describe('caseload serve and rebuilds from outside', () => {
  it('rebuilds on SIGHUP while serving, and refuses build and ingest on the held file with a clear message', async () => {
    child = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', '0'], { cwd: repoRoot });
    child.stdout!.on('data', (chunk) => (out += chunk));
    child.stderr!.on('data', (chunk) => (out += chunk));
    const url = (await waitFor(/running at (http:\/\/127\.0\.0\.1:\d+\/)/, 60_000))[1];
    const pid = child.pid!;

    for (const args of [['build', '--db', db], ['ingest', '--db', db, '--dir', dir]]) {
      const result = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8' });
      expect(result.status, args[0]).toBe(1);
      expect(result.stderr).toContain(`database ${db} is locked: it is open in another process (PID ${pid})`);
      expect(result.stderr).toContain(`kill -HUP ${pid}`);
      expect(result.stderr).toContain('Admin page');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }

    child.kill('SIGHUP');
    await waitFor(/SIGHUP: rebuilding the marts/, 10_000);
    const health = await fetch(`${url}api/health`, { signal: AbortSignal.timeout(30_000) });
    expect(health.status).toBe(200);
    const outcome = await waitFor(/"msg":"rebuild (finished|failed)"/, 150_000);
    expect(outcome[1], out.slice(-2000)).toBe('finished');
    expect(out).toMatch(/"rebuild":"succeeded"[^\n]*"generation":1/);

    const exited = new Promise((resolve) => child!.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const after = await Database.open(db);
    try {
      const rows = await after.all<{ username: string; route: string; status: number }>(`SELECT username, route, status FROM audit_log WHERE event = 'rebuild' ORDER BY id`);
      expect(rows).toEqual([
        { username: 'signal:SIGHUP', route: 'SIGHUP', status: 202 },
        { username: 'signal:SIGHUP', route: 'rebuild finished', status: 200 },
      ]);
      expect((await verifyAudit(after)).ok).toBe(true);
    } finally {
      after.close();
    }
  }, 240_000);
});
