/**
 * `caseload generate`: writes a synthetic population into --out. A progress bar on stderr
 * when it is a terminal, then a short summary (files, rows, elapsed) on stderr; stdout
 * carries only the output folder.
 */
import { SingleBar } from 'cli-progress';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { generatePopulation, type GenerateOptions, type GenerateSummary } from './index.ts';

/** The generator's options as the CLI parses them: `format` is checked here. */
export type GenerateCliOptions = Omit<GenerateOptions, 'format' | 'onProgress'> & { format: string };

/** Runs the generate command with options as parsed by server/cli/main.ts. */
export async function runGenerate(opts: GenerateCliOptions): Promise<GenerateSummary> {
  if (opts.format !== 'csv' && opts.format !== 'parquet') throw new UsageError(`--format must be csv or parquet, not '${opts.format}'.`);
  if (opts.months > 600) throw new UsageError('--months must be at most 600.');
  const out = resolve(opts.out);
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create the --out folder ${out}: ${(error as Error).message}`);
  }
  const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: 'generate [{bar}] {percentage}% | {value}/{total} members | {duration_formatted}', hideCursor: true }) : null;
  bar?.start(opts.members, 0);
  let summary: GenerateSummary;
  try {
    summary = await generatePopulation({
      out, members: opts.members, seed: opts.seed, effect: opts.effect, start: opts.start, months: opts.months,
      format: opts.format, mess: opts.mess, onProgress: (done) => bar?.update(done),
    });
  } finally {
    bar?.stop();
  }
  const width = Math.max(...summary.files.map((f) => f.file.length));
  const lines = summary.files.map((f) => `  ${f.file.padEnd(width)}  ${f.file === 'truth.json' ? '' : `${f.rows.toLocaleString('en-US')} rows`}`);
  process.stderr.write(`generated ${opts.members.toLocaleString('en-US')} members in ${(summary.elapsedMs / 1000).toFixed(1)} s into ${out}\n${lines.join('\n')}\n`);
  process.stdout.write(`${out}\n`);
  return summary;
}
