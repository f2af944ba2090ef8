/**
 * The synthetic population generator: members are built, simulated and written one at a
 * time (streamed to disk), each from its own seeded streams, so the same options always
 * give byte-identical files. Writes eligibility, medical_claim, program_enrollment (CSV or
 * Parquet) and truth.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCalendar } from './calendar.ts';
import { eligibility, medicalClaim, programEnrollment, type TableSpec } from '../engine/contract.ts';
import { CsvFile, headerOf } from './csv.ts';
import { emitMember } from './emit/member.ts';
import { ClaimRenderer, emptyMessCounts } from './emit/render.ts';
import { decideEnrollment, enrollmentMonthWeights } from './enrollment.ts';
import { simulateWorld, type SimulationContext } from './events.ts';
import { MODEL } from './model.ts';
import { csvToParquet, openConverter } from './parquet.ts';
import { createMember, type PopulationContext } from './population.ts';
import { buildProviders, PROGRAMS } from './providers.ts';
import { TruthAccumulator } from './truth.ts';

export interface GenerateOptions {
  out: string;
  members: number;
  seed: number;
  effect: number;
  start: string;
  months: number;
  format: 'csv' | 'parquet';
  mess: boolean;
  /** Called now and then with the number of members written. */
  onProgress?: (done: number, total: number) => void;
}

export interface GeneratedFile {
  file: string;
  rows: number;
}

export interface GenerateSummary {
  out: string;
  files: GeneratedFile[];
  elapsedMs: number;
}

export const GENERATOR_VERSION = 1;
/** Members per batch: between batches generation yields so finished writes are settled. */
const FLUSH_EVERY = 1000;
/** Chunks (1 MiB) a file may have in flight before generation waits for the disk. */
const MAX_PENDING_CHUNKS = 32;

/** Generates the population described by `options` into `options.out`. */
export async function generatePopulation(options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const { out, members, seed, effect, start, months, format, mess } = options;
  mkdirSync(out, { recursive: true });
  const calendar = buildCalendar(start, months);
  const providers = buildProviders(seed, members);
  const idWidth = Math.max(7, String(members).length);
  const seasonal = Float64Array.from({ length: months }, (_, m) => MODEL.seasonality[calendar.monthOfYear[m]]);
  const sim: SimulationContext = { seed, calendar, providers, seasonal };
  const pop: PopulationContext = { seed, members, calendar, providers, idWidth };
  const weights = enrollmentMonthWeights(months);

  const tables: TableSpec[] = [eligibility, medicalClaim, programEnrollment];
  const [eligFile, claimFile, enrollFile] = tables.map((t) => new CsvFile(join(out, `${t.name}.csv`), headerOf(t)));
  const messCounts = emptyMessCounts();
  const renderer = new ClaimRenderer(claimFile, calendar, messCounts, idWidth);
  const truth = new TruthAccumulator(calendar, providers);
  const outputs = { eligibility: eligFile, enrollment: enrollFile, renderer };
  const multiplier = 1 + effect;

  for (let i = 0; i < members; i++) {
    const member = createMember(pop, i);
    const w0 = simulateWorld(member, sim, null);
    const enrollment = decideEnrollment(member, w0, seed, calendar, weights, providers);
    const written = enrollment ? simulateWorld(member, sim, { from: enrollment.start, to: enrollment.plannedEnd, multiplier }) : w0;
    const result = emitMember(member, written, enrollment, calendar, providers, seed, mess, outputs);
    truth.add(member, result, enrollment, written, enrollment ? w0 : null);
    if ((i + 1) % FLUSH_EVERY === 0) {
      options.onProgress?.(i + 1, members);
      await Promise.all([eligFile.drain(MAX_PENDING_CHUNKS), claimFile.drain(MAX_PENDING_CHUNKS), enrollFile.drain(MAX_PENDING_CHUNKS)]);
    }
  }
  options.onProgress?.(members, members);
  for (const f of [eligFile, claimFile, enrollFile]) await f.close();

  let files: GeneratedFile[] = tables.map((t, i) => ({ file: `${t.name}.csv`, rows: [eligFile, claimFile, enrollFile][i].rows }));
  const truthJson = {
    generator: 'caseload generate',
    generator_version: GENERATOR_VERSION,
    parameters: { members, seed, effect, start, months, format, mess },
    period: { start: calendar.start, end: calendar.end, months, data_through: calendar.end },
    truth: {
      admission_relative_change: effect,
      ed_relative_change: effect,
      hazard_ratio: multiplier,
      applies: 'From enrollment_start_date through enrollment_end_date (blank: to the end of the data), every admission hazard (unplanned and planned, including the post-discharge excess) and every ED-visit hazard (treat-and-release; ED visits leading to admission follow the admission hazard) is multiplied by hazard_ratio. Enrolment is decided from history before the enrolment month, identical with and without the effect.',
    },
    ...truth.summary(messCounts, mess),
    programs: PROGRAMS,
    providers: { hospitals: providers.hospitals.length, skilled_nursing_facilities: providers.snfs.length, primary_care_clinicians: providers.pcps.length },
    files,
    model: MODEL,
  };
  if (format === 'parquet') {
    const db = await openConverter();
    try {
      files = [];
      for (const t of tables) {
        const rows = await csvToParquet(db, t, join(out, `${t.name}.csv`), join(out, `${t.name}.parquet`));
        files.push({ file: `${t.name}.parquet`, rows });
      }
    } finally {
      db.close();
    }
    truthJson.files = files;
  }
  writeFileSync(join(out, 'truth.json'), `${JSON.stringify(truthJson, null, 2)}\n`);
  files = [...files, { file: 'truth.json', rows: 1 }];
  return { out, files, elapsedMs: Math.round(performance.now() - started) };
}
