/** `caseload serve` through the CLI: listens, prints its URL, serves the API; refuses a missing database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
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
  it('prints the URL it listens on and answers there', async () => {
    child = spawn(process.execPath, [cli, 'serve', '--db', join(dir, 'caseload.duckdb'), '--port', '0'], { cwd: repoRoot });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
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
    const meta = await (await fetch(`${url}api/meta`)).json();
    expect(meta.build.data_through).toMatch(/^\d{4}-\d{2}-\d{2}$/);
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
