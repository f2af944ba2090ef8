/**
 * Rebuild under load: with the bench server running, an admin starts a rebuild of the marts
 * through the API (POST /api/admin/rebuild, an earlier data_through so the marts change)
 * while autocannon keeps 50 connections busy on the main endpoints, until the rebuild is
 * done (polling GET /api/admin/rebuild). Reports requests, errors, timeouts, non-2xx and
 * exact p50/p95/p99 during the rebuild, its duration, and a consistency check: a poller
 * asks /api/overview/kpis throughout, and every answer must equal the body before or the
 * body after the rebuild (anything else would be a half-built state).
 */
import autocannon from 'autocannon';
import type { LoadResult } from './load.ts';

export interface RebuildLoadResult {
  connections: number;
  endpoints: string[];
  role: string;
  dataThrough: { before: string; requested: string; after: string | null };
  rebuild: { state: string; seconds: number; serverMs: number | null; error: string | null; serverPeakRssMiB: number | null };
  load: Omit<LoadResult, 'path'> & { seconds: number };
  consistency: { path: string; polls: number; sameAsBefore: number; sameAsAfter: number; neither: number; failed: number };
}

export interface RebuildLoadOptions {
  base: string;
  /** Session cookie of the user the load runs as (the API phase's). */
  cookie: string;
  /** An admin's sign-in, to start and follow the rebuild. */
  admin: { name: string; password: string };
  endpoints: string[];
  connections: number;
  /** Longest the rebuild may take. */
  timeoutMs: number;
  /** Peak RSS of the server so far, MiB. */
  peakRssMiB: () => number | null;
}

const CONSISTENCY_PATH = '/api/overview/kpis';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 10) / 10;
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** The last day of the month before the one `day` (YYYY-MM-DD) falls in. */
export function endOfPreviousMonth(day: string): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

async function signIn(base: string, user: { name: string; password: string }): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: user.name, password: user.password }),
  });
  if (response.status !== 200) throw new Error(`admin sign-in answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0], csrf: body.csrfToken };
}

async function text(base: string, path: string, cookie: string): Promise<{ status: number; body: string }> {
  const response = await fetch(base + path, { headers: { cookie } });
  return { status: response.status, body: await response.text() };
}

/** Runs the rebuild under load once; the server keeps the rebuilt marts afterwards. */
export async function rebuildUnderLoad(options: RebuildLoadOptions): Promise<RebuildLoadResult> {
  const { base, cookie, connections, endpoints } = options;
  const admin = await signIn(base, options.admin);
  const meta = JSON.parse((await text(base, '/api/meta', cookie)).body) as { build: { data_through: string } };
  const before = meta.build.data_through;
  const requested = endOfPreviousMonth(before);
  const beforeBody = (await text(base, CONSISTENCY_PATH, cookie)).body;

  const samples: number[] = [];
  let finished: (result: autocannon.Result) => void;
  const loadDone = new Promise<autocannon.Result>((resolve) => (finished = resolve));
  const instance = autocannon(
    { url: base, connections, duration: Math.ceil(options.timeoutMs / 1000) + 60, timeout: 10, headers: { cookie }, requests: endpoints.map((path) => ({ method: 'GET', path })) },
    (error, result) => (error ? finished({ errors: 1, timeouts: 0, non2xx: 0, requests: { total: 0, average: 0 } } as unknown as autocannon.Result) : finished(result)),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    if (samples.length < 2_000_000) samples.push(responseTime);
  });

  const polls: { status: number; body: string }[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      polls.push(await text(base, CONSISTENCY_PATH, cookie).catch(() => ({ status: 0, body: '' })));
      await sleep(20);
    }
  })();

  const loadStarted = performance.now();
  await sleep(500);
  const started = performance.now();
  const post = await fetch(`${base}/api/admin/rebuild`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    body: JSON.stringify({ dataThrough: requested }),
  });
  if (post.status !== 202) {
    instance.stop();
    polling = false;
    throw new Error(`POST /api/admin/rebuild answered ${post.status}: ${await post.text()}`);
  }
  let status: { state: string; durationMs: number | null; error: string | null; builtThrough: string | null } = { state: 'running', durationMs: null, error: null, builtThrough: null };
  while (status.state === 'running' && performance.now() - started < options.timeoutMs) {
    await sleep(200);
    const answer = await fetch(`${base}/api/admin/rebuild`, { headers: { cookie: admin.cookie } });
    if (answer.status === 200) status = (await answer.json()) as typeof status;
  }
  const rebuildSeconds = (performance.now() - started) / 1000;
  await sleep(500);
  instance.stop();
  polling = false;
  const result = await loadDone;
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  await poller;

  const afterBody = (await text(base, CONSISTENCY_PATH, cookie)).body;
  const after = JSON.parse((await text(base, '/api/meta', cookie)).body) as { build: { data_through: string } };
  samples.sort((a, b) => a - b);
  const ok = polls.filter((p) => p.status === 200);
  return {
    connections,
    endpoints,
    role: 'quality (load), admin (rebuild)',
    dataThrough: { before, requested, after: after.build.data_through },
    rebuild: { state: status.state, seconds: round(rebuildSeconds), serverMs: status.durationMs, error: status.error, serverPeakRssMiB: options.peakRssMiB() },
    load: {
      seconds: round(loadSeconds),
      requests: result.requests.total,
      requestsPerSecond: round(result.requests.total / loadSeconds),
      latencyMs: { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)), max: round(samples.at(-1) ?? NaN) },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    },
    consistency: {
      path: CONSISTENCY_PATH,
      polls: polls.length,
      sameAsBefore: ok.filter((p) => p.body === beforeBody).length,
      sameAsAfter: ok.filter((p) => p.body === afterBody).length,
      neither: ok.filter((p) => p.body !== beforeBody && p.body !== afterBody).length,
      failed: polls.length - ok.length,
    },
  };
}
