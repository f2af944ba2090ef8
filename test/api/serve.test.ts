/** `caseload serve` through the CLI: listens, prints its URL, serves the API; refuses a missing database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleDatabase } from './sample.ts';
import { repoRoot } from '../../server/api/command.ts';
import { removeDir } from './server.ts';

const cli = join(repoRoot, 'bin', 'caseload.mjs');
let dir: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caseload-serve-'));
  copyFileSync(await sampleDatabase(), join(dir, 'caseload.duckdb'));
});
afterAll(() => {
  if (child?.pid && child.exitCode === null) child.kill('SIGTERM');
  removeDir(dir);
});

describe('caseload serve', () => {
  it('prints the URL it listens on and answers there; without users it says how to add the first admin and signs nobody in', async () => {
    const db = join(dir, 'caseload.duckdb');
    chmodSync(db, 0o644);
    child = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', '0'], { cwd: repoRoot });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = out.match(/running at (http:\/\/127\.0\.0\.1:\d+\/)/);
        if (match) resolve(match[1]);
      });
      child!.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
    });
    const health = await fetch(`${url}api/health`);
    expect(health.status).toBe(200);
    expect((await fetch(`${url}api/meta`)).status).toBe(401);
    expect(out).toContain(`caseload user add --db ${db} --role admin`);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(existsSync(`${db}.secret`)).toBe(true);
    expect(statSync(`${db}.secret`).mode & 0o777).toBe(0o600);
    const exited = new Promise((resolve) => child!.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits 2 naming the file when the database does not exist', () => {
    const result = spawnSync(process.execPath, [cli, 'serve', '--db', join(dir, 'missing.duckdb'), '--port', '0'], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('missing.duckdb');
  });
});
