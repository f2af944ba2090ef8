/** Chooses the adapter for a batch: the --format flag, or detection from file names. */
import { InputError } from '../../errors.ts';
import type { IngestFormat } from '../types.ts';
import { syntheaAdapter } from './synthea.ts';
import { tuvaAdapter } from './tuva.ts';
import type { FormatAdapter } from './types.ts';

/** Every adapter, in detection order (the canonical format first). */
export const adapters: FormatAdapter[] = [tuvaAdapter, syntheaAdapter];

export interface AdapterChoice {
  adapter: FormatAdapter;
  /** "--format tuva" or "detected tuva: Tuva claims (found eligibility.csv, medical_claim.csv)". */
  reason: string;
}

/** Picks the adapter named by `format`, or the first whose detection matches the folder's files. */
export function chooseAdapter(dir: string, fileNames: string[], format?: IngestFormat): AdapterChoice {
  if (format) {
    const adapter = adapters.find((a) => a.format === format);
    if (!adapter) throw new InputError(`unknown input format ${format}.`);
    return { adapter, reason: `--format ${format}` };
  }
  for (const adapter of adapters) {
    const evidence = adapter.detect(fileNames);
    if (evidence) return { adapter, reason: `detected ${adapter.format}: ${evidence}` };
  }
  throw new InputError(
    `${dir}: could not tell the input format. Expected eligibility.csv with medical_claim.csv or encounter.csv ` +
      `(Tuva claims or Tuva clinical, .csv/.csv.gz/.parquet), or a Synthea export (patients.csv, encounters.csv). ` +
      `Found: ${fileNames.length ? fileNames.sort().join(', ') : 'no files'}.`,
  );
}
