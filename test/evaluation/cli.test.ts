/** `caseload evaluate` end to end through the real CLI on a simulated database file. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/engine/db.ts';
import { simulateMarts } from './martSim.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/caseload.mjs', import.meta.url));
let dir: string;
let dbFile: string;

async function caseload(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { maxBuffer: 32 * 1024 * 1024, env: { ...process.env, TZ: 'UTC' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caseload-eval-cli-'));
  dbFile = join(dir, 'sim.duckdb');
  const db = await Database.open(dbFile);
  await simulateMarts(db, { persons: 2500, seed: 3, effect: -0.2 });
  db.close();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('caseload evaluate', () => {
  it('prints only JSON on stdout with --format json', async () => {
    const { code, stdout } = await caseload(['evaluate', '--db', dbFile, '--format', 'json', '--pmpm', '55', '--seed', '4']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.admissions.did.relative_change).toHaveProperty('estimate');
    expect(out.admissions.naive).toHaveProperty('managed_per_1000');
    expect(out.matching).toHaveProperty('dropped_reasons');
    expect(out.savings.inputs.pmpm).toBe(55);
    expect(out.settings.seed).toBe(4);
  }, 120_000);

  it('prints a readable table with --format table', async () => {
    const { code, stdout } = await caseload(['evaluate', '--db', dbFile, '--format', 'table', '--fte', '2', '--cost-per-fte', '90000']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Admissions \(per 1,000 member-years\)/m);
    expect(stdout).toContain('2.00 case-manager FTEs × $90000.00 per FTE-year');
  }, 120_000);

  it('refuses a PMPM fee together with FTEs (usage error, exit 2)', async () => {
    const { code, stderr } = await caseload(['evaluate', '--db', dbFile, '--format', 'json', '--pmpm', '50', '--fte', '3']);
    expect(code).toBe(2);
    expect(stderr).toContain('--pmpm');
  }, 60_000);

  it('names a missing database file (bad input, exit 1)', async () => {
    const missing = join(dir, 'nope.duckdb');
    const { code, stderr, stdout } = await caseload(['evaluate', '--db', missing, '--format', 'json']);
    expect(code).toBe(1);
    expect(stderr).toContain(missing);
    expect(stdout).toBe('');
  }, 60_000);

  it('rejects a negative cost (usage error, exit 2)', async () => {
    const { code } = await caseload(['evaluate', '--db', dbFile, '--format', 'json', '--pmpm', '-5']);
    expect(code).toBe(2);
  }, 60_000);
});
