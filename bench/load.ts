/** API latency under concurrent load with autocannon: exact p50/p95/p99 from every response time. */
import autocannon from 'autocannon';

export interface LoadResult {
  path: string;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
}

const MAX_SAMPLES = 2_000_000;

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** Hammers `base + path` with `connections` keep-alive connections for `seconds` s, sending `cookie`. */
export async function loadEndpoint(base: string, path: string, cookie: string, connections: number, seconds: number): Promise<LoadResult> {
  const samples: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base + path, connections, duration: seconds, timeout: 10, headers: { cookie } }, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (samples.length < MAX_SAMPLES) samples.push(responseTime);
    });
  });
  samples.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    path,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average),
    latencyMs: { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)), max: round(samples.at(-1) ?? NaN) },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}
