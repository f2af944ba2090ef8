/** Runs one phase as a child process and measures its wall time and peak resident set size. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface PhaseResult {
  seconds: number;
  peakRssMiB: number | null;
  /** How the peak RSS was read. */
  rssSource: string;
  stdout: string;
}

const TIME = '/usr/bin/time';

/** Spawns `command args` (under `/usr/bin/time -v` when present), stdin from `input`; rejects on a non-zero exit or after `timeoutMs`. */
export function runPhase(command: string, args: readonly string[], options: { input?: string; timeoutMs: number; cwd?: string }): Promise<PhaseResult> {
  const timed = existsSync(TIME);
  const [file, argv] = timed ? [TIME, ['-v', command, ...args]] : [command, args];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { if (stdout.length < 1_000_000) stdout += d; });
    child.stderr.on('data', (d) => { if (stderr.length < 1_000_000) stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdin.end(options.input ?? '');
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.slice(-3000)}`));
      const kib = timed ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] : undefined;
      resolve({
        seconds,
        peakRssMiB: kib ? Number(kib) / 1024 : null,
        rssSource: timed ? '/usr/bin/time -v (Maximum resident set size)' : 'not measured (/usr/bin/time absent)',
        stdout,
      });
    });
  });
}

/** Peak resident set size (VmHWM) of a running process in MiB, from /proc; null when unreadable. */
export function procPeakRssMiB(pid: number): number | null {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : null;
  } catch {
    return null;
  }
}
