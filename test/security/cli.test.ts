/** `caseload user add|remove|passwd|list`: passwords from standard input (never an argument), roles, caseload links, and a clear refusal while a server holds the database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleDatabase } from '../api/sample.ts';
import { removeDir } from '../api/server.ts';
import { repoRoot } from '../../server/api/command.ts';

const cli = join(repoRoot, 'bin', 'caseload.mjs');
let dir: string;
let db: string;

const run = (args: string[], input?: string) => spawnSync(process.execPath, [cli, 'user', ...args, '--db', db], { cwd: repoRoot, input, encoding: 'utf8' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caseload-user-cli-'));
  db = join(dir, 'caseload.duckdb');
  copyFileSync(await sampleDatabase(), db);
}, 240_000);
afterAll(() => removeDir(dir));

describe('caseload user', () => {
  it('adds users with a password from standard input, lists them, changes a password, removes one; the password is never printed', () => {
    const added = run(['add', 'Alice', '--role', 'admin', '--password-stdin'], 'correct horse battery 1\n');
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toBe('Added alice (admin).\n');
    const piped = run(['add', 'bob', '--role', 'case_manager', '--case-manager-id', 'CM001'], 'correct horse battery 2\n');
    expect(piped.status, piped.stderr).toBe(0);
    const list = run(['list', '--format', 'json']);
    expect(list.status).toBe(0);
    const users = JSON.parse(list.stdout);
    expect(users.map((u: { username: string; role: string; caseManagerId: string | null }) => [u.username, u.role, u.caseManagerId])).toEqual([['alice', 'admin', null], ['bob', 'case_manager', 'CM001']]);
    expect(list.stdout).not.toMatch(/scrypt|passwordHash|password_hash/);
    const passwd = run(['passwd', 'bob', '--password-stdin'], 'a different password\n');
    expect(passwd.status).toBe(0);
    const removed = run(['remove', 'bob']);
    expect(removed.stdout).toBe('Removed bob.\n');
    for (const r of [added, piped, passwd, removed, list]) expect(r.stdout + r.stderr).not.toMatch(/correct horse|different password/);
    expect(statSync(db).mode & 0o777).toBe(0o600);
  });

  it('refuses weak passwords, unknown roles, the last admin and a password argument (exit 2)', () => {
    const weak = run(['add', 'carol', '--role', 'quality', '--password-stdin'], 'short\n');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('use at least 12 characters');
    expect(run(['add', 'carol', '--role', 'superuser', '--password-stdin'], 'correct horse battery 3\n').status).toBe(2);
    const last = run(['remove', 'alice']);
    expect(last.status).toBe(2);
    expect(last.stderr).toContain('refusing to remove the last admin');
    const argument = run(['add', 'dave', '--role', 'quality', '--password', 'correct horse battery 4']);
    expect(argument.status).toBe(2);
    expect(argument.stderr).toMatch(/unknown option '--password'/);
  });

  it('writes the account changes to the audit trail', () => {
    const list = spawnSync(process.execPath, ['--input-type=module', '-e', `
      import { DuckDBInstance } from '@duckdb/node-api';
      const i = await DuckDBInstance.create(${JSON.stringify(db)}, { access_mode: 'READ_ONLY' });
      const c = await i.connect();
      const r = await c.runAndReadAll("SELECT event, username FROM audit_log ORDER BY id");
      console.log(JSON.stringify(r.getRowsJS()));
    `], { cwd: repoRoot, encoding: 'utf8' });
    const events = JSON.parse(list.stdout) as [string, string][];
    expect(events.map((e) => e[0])).toEqual(['user_added', 'user_added', 'password_changed', 'user_removed']);
    expect(events.every((e) => e[1].startsWith('cli:'))).toBe(true);
  });

  it('says to stop the server (or use the Admin page) while `serve` holds the database', async () => {
    const server = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', '0'], { cwd: repoRoot });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout!.on('data', (chunk) => {
          out += chunk;
          if (out.includes('running at')) resolve();
        });
        server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
        setTimeout(() => reject(new Error('serve did not start')), 30_000);
      });
      const busy = run(['add', 'erin', '--role', 'quality', '--password-stdin'], 'correct horse battery 5\n');
      expect(busy.status).toBe(2);
      expect(busy.stderr).toMatch(/is in use .*Stop the server first, or manage users on the dashboard's Admin page/);
    } finally {
      const exited = new Promise((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  });
});
