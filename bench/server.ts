/** Serves a built database with `caseload serve` on loopback as a child process, and signs in the bench user. */
import { spawn, type ChildProcess } from 'node:child_process';
import { procPeakRssMiB } from './child.ts';

export interface BenchServer {
  base: string;
  pid: number;
  /** "name=value" of the session cookie. */
  cookie: string;
  /** Peak RSS so far (VmHWM), MiB. */
  peakRssMiB(): number | null;
  stop(): Promise<void>;
}

/** Starts `node bin/caseload.mjs serve --port 0` and waits (at most `timeoutMs`) for its URL, then signs in. */
export async function startServer(cli: string, db: string, user: { name: string; password: string }, timeoutMs = 120_000): Promise<BenchServer> {
  const child = spawn(process.execPath, [cli, 'serve', '--db', db, '--host', '127.0.0.1', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const base = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within ${timeoutMs} ms: ${seen.slice(-2000)}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      if (seen.length < 100_000) seen += d;
      const url = /running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen)?.[1];
      if (url) { clearTimeout(timer); resolve(url); }
    });
    child.stderr!.on('data', (d) => { if (seen.length < 100_000) seen += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited ${code}: ${seen.slice(-2000)}`)); });
  });
  child.removeAllListeners('exit');
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: user.name, password: user.password }),
  });
  if (response.status !== 200) {
    await stop(child);
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  }
  const cookie = response.headers.get('set-cookie')!.split(';')[0];
  return { base, pid: child.pid!, cookie, peakRssMiB: () => procPeakRssMiB(child.pid!), stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}
