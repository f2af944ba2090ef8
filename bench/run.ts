/**
 * `npm run bench [-- --size 10k|100k|1m ...]`: generates (or reuses) a population per size under bench/data/,
 * then measures ingest and build against bare DuckDB floors, database size, peak RSS, API latency under load
 * and the Overview's first meaningful render; writes bench/results/<date>-<size>.json and the bench/README.md table.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPhase } from './child.ts';
import { describeMachine, type Machine } from './machine.ts';
import { startServer } from './server.ts';
import { loadEndpoint, type LoadResult } from './load.ts';
import { timeOverviewRender, type RenderResult } from './render.ts';
import { rebuildUnderLoad, type RebuildLoadResult } from './rebuild.ts';
import { saveResult, updateReadme } from './report.ts';

const benchDir = fileURLToPath(new URL('./', import.meta.url));
const root = join(benchDir, '..');
const cli = join(root, 'bin', 'caseload.mjs');
const sizes: Record<string, number> = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };
const CONNECTIONS = 50;
const SECONDS = 20;
const ENDPOINTS = ['/api/meta', '/api/overview/kpis', '/api/overview/trend?measure=admissions_per_1000', '/api/program/comparison', '/api/program/pre-post'];
const HOUR = 3_600_000;

export interface SizeResult {
  size: string;
  members: number;
  startedAt: string;
  machine: Machine;
  claimLines: number;
  inputRows: Record<string, number>;
  generate: { seconds: number | null; reused: boolean };
  readCsvFloor: { seconds: number; peakRssMiB: number | null; what: string };
  ingest: { seconds: number; rowsPerSecond: number; ratioToReadCsv: number; peakRssMiB: number | null };
  scanFloor: { seconds: number; peakRssMiB: number | null; what: string };
  build: { seconds: number; ratioToScan: number; peakRssMiB: number | null };
  databaseMiB: number;
  rssMethod: string;
  api: { connections: number; seconds: number; role: string; serverPeakRssMiB: number | null; endpoints: LoadResult[] };
  render: RenderResult & { what: string };
  /** Rebuild through the API under load (absent in results from before it was measured). */
  rebuild?: RebuildLoadResult;
  timingNote: string;
}

const node = (script: string, args: string[]) => [process.execPath, [script, ...args]] as const;
const tsx = (script: string, args: string[]) => [process.execPath, ['--import', 'tsx', script, ...args]] as const;
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const mib = (file: string) => (existsSync(file) ? statSync(file).size / 2 ** 20 : 0);

/** Reuses bench/data/<size>/ when truth.json (written last by `generate`) exists; otherwise generates it. */
async function population(size: string): Promise<{ dir: string; seconds: number | null; reused: boolean }> {
  const dir = join(benchDir, 'data', size, 'population');
  if (existsSync(join(dir, 'truth.json'))) return { dir, seconds: null, reused: true };
  rmSync(dir, { recursive: true, force: true });
  log(`generating ${size} into ${dir}`);
  const phase = await runPhase(...node(cli, ['generate', '--out', dir, '--members', String(sizes[size]), '--seed', '1']), { timeoutMs: HOUR });
  return { dir, seconds: phase.seconds, reused: false };
}

/** Runs every measurement for one size. */
async function benchSize(size: string): Promise<SizeResult> {
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  log(`${size}: load average ${machine.loadAverageAtStart.join(' ')}`);
  const generated = await population(size);
  const work = join(benchDir, 'data', size, 'work');
  mkdirSync(work, { recursive: true });
  const floorDb = join(work, 'floor.duckdb');
  const db = join(work, 'caseload.duckdb');
  for (const f of [floorDb, `${floorDb}.wal`, db, `${db}.wal`, `${db}.secret`]) rmSync(f, { force: true });

  log(`${size}: bare read_csv floor`);
  const floor = await runPhase(...tsx(join(benchDir, 'floor.ts'), ['csv', floorDb, generated.dir]), { timeoutMs: HOUR });
  const inputRows = JSON.parse(floor.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
  rmSync(floorDb, { force: true });
  const totalRows = Object.values(inputRows).reduce((a, b) => a + b, 0);

  log(`${size}: ingest`);
  const ingest = await runPhase(...node(cli, ['ingest', '--db', db, '--dir', generated.dir]), { timeoutMs: HOUR });
  log(`${size}: bare scan floor`);
  const scan = await runPhase(...tsx(join(benchDir, 'floor.ts'), ['scan', db, 'raw_medical_claim']), { timeoutMs: HOUR });
  log(`${size}: build`);
  const build = await runPhase(...node(cli, ['build', '--db', db]), { timeoutMs: 2 * HOUR });
  const databaseMiB = mib(db) + mib(`${db}.wal`);

  const user = { name: 'bench-quality', password: randomBytes(18).toString('base64url') };
  await runPhase(...node(cli, ['user', 'add', '--db', db, '--role', 'quality', user.name, '--password-stdin']), { input: `${user.password}\n`, timeoutMs: 120_000 });
  const admin = { name: 'bench-admin', password: randomBytes(18).toString('base64url') };
  await runPhase(...node(cli, ['user', 'add', '--db', db, '--role', 'admin', admin.name, '--password-stdin']), { input: `${admin.password}\n`, timeoutMs: 120_000 });
  log(`${size}: serve, load, render`);
  const server = await startServer(cli, db, user);
  let endpoints: LoadResult[] = [];
  let render: RenderResult;
  let serverPeakRssMiB: number | null;
  let rebuild: RebuildLoadResult;
  try {
    for (const path of ENDPOINTS) {
      const probe = await fetch(server.base + path, { headers: { cookie: server.cookie } });
      if (probe.status !== 200) throw new Error(`${path} answered ${probe.status}: ${(await probe.text()).slice(0, 500)}`);
    }
    for (const path of ENDPOINTS) {
      log(`${size}: ${path}`);
      endpoints.push(await loadEndpoint(server.base, path, server.cookie, CONNECTIONS, SECONDS));
    }
    render = await timeOverviewRender(server.base, server.cookie);
    serverPeakRssMiB = server.peakRssMiB();
    log(`${size}: rebuild under load`);
    rebuild = await rebuildUnderLoad({ base: server.base, cookie: server.cookie, admin, endpoints: ENDPOINTS, connections: CONNECTIONS, timeoutMs: 2 * HOUR, peakRssMiB: server.peakRssMiB });
  } finally {
    await server.stop();
  }
  const r1 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    size, members: sizes[size], startedAt, machine,
    claimLines: inputRows.medical_claim ?? 0,
    inputRows,
    generate: { seconds: generated.seconds, reused: generated.reused },
    readCsvFloor: { seconds: r1(floor.seconds), peakRssMiB: floor.peakRssMiB, what: 'child process: node + @duckdb/node-api, CREATE TABLE t AS SELECT * FROM read_csv(file) for each CSV into a new database file, then CHECKPOINT' },
    ingest: { seconds: r1(ingest.seconds), rowsPerSecond: Math.round(totalRows / ingest.seconds), ratioToReadCsv: r1(ingest.seconds / floor.seconds), peakRssMiB: ingest.peakRssMiB },
    scanFloor: { seconds: r1(scan.seconds), peakRssMiB: scan.peakRssMiB, what: 'child process: node + @duckdb/node-api, SELECT count(*), count(col) for every column FROM raw_medical_claim' },
    build: { seconds: r1(build.seconds), ratioToScan: r1(build.seconds / scan.seconds), peakRssMiB: build.peakRssMiB },
    databaseMiB: Math.round(databaseMiB * 10) / 10,
    rssMethod: `${ingest.rssSource} around each child process; server: VmHWM from /proc/<pid>/status`,
    api: { connections: CONNECTIONS, seconds: SECONDS, role: 'quality', serverPeakRssMiB, endpoints },
    rebuild,
    render: { ...render, what: 'playwright-core + /usr/bin/chromium headless, 1366×768: goto(/) until all four .kpi-tile show each cohort value as a number or a suppressed <11 (or the empty state); cold = fresh context, warm = reloads' },
    timingNote: 'wall-clock times of whole child processes, so each includes node/tsx start-up (about 0.5–1 s); rows/s counts all input rows (eligibility + claims + enrolment)',
  };
}

function parseSizes(argv: string[]): string[] {
  const chosen: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg === '--size' ? argv[++i] : arg.startsWith('--size=') ? arg.slice(7) : undefined;
    if (value === undefined) throw new Error(`unknown argument ${arg}; usage: npm run bench -- [--size 10k|100k|1m]...`);
    for (const s of value.toLowerCase().split(',')) {
      if (!(s in sizes)) throw new Error(`unknown size ${s}; choose from ${Object.keys(sizes).join(', ')}`);
      chosen.push(s);
    }
  }
  return chosen.length ? chosen : Object.keys(sizes);
}

const resultsDir = join(benchDir, 'results');
for (const size of parseSizes(process.argv.slice(2))) {
  const result = await benchSize(size);
  const file = saveResult(resultsDir, result);
  updateReadme(join(benchDir, 'README.md'), resultsDir);
  log(`${size}: wrote ${file}`);
}
