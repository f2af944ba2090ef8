/** What the bench ran on: cores, memory, CPU model, load average at start (the machine is shared). */
import { cpus, freemem, loadavg, totalmem, release } from 'node:os';

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  loadAverageAtStart: [number, number, number];
  kernel: string;
  node: string;
  note: string;
}

/** Describes this machine now. */
export function describeMachine(): Machine {
  const gib = (b: number) => Math.round((b / 2 ** 30) * 10) / 10;
  const [one, five, fifteen] = loadavg().map((x) => Math.round(x * 100) / 100);
  return {
    nproc: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    loadAverageAtStart: [one, five, fifteen],
    kernel: release(),
    node: process.version,
    note: 'shared machine: other engineers\' builds and tests may run at the same time, so timings are noisy',
  };
}
