/**
 * The canonical format (Tuva input layer names, DESIGN.md "Canonical input"): each file is
 * named after the canonical table it holds, as `.csv`, `.csv.gz` or `.parquet`.
 */
import { join } from 'node:path';
import { canonicalTables } from '../../engine/contract.ts';
import { InputError } from '../../errors.ts';
import type { FormatAdapter, IngestPlan, PlannedInput } from './types.ts';

const EXTENSIONS = [
  { suffix: '.csv', kind: 'csv' },
  { suffix: '.csv.gz', kind: 'csv' },
  { suffix: '.parquet', kind: 'parquet' },
] as const;

/** The canonical table and reader a file name stands for, or null. */
export function canonicalFileKind(fileName: string): { table: string; kind: 'csv' | 'parquet' } | null {
  const lower = fileName.toLowerCase();
  for (const spec of canonicalTables) {
    for (const ext of EXTENSIONS) {
      if (lower === spec.name + ext.suffix) return { table: spec.name, kind: ext.kind };
    }
  }
  return null;
}

export const tuvaAdapter: FormatAdapter = {
  format: 'tuva',

  detect(fileNames) {
    const names = fileNames.filter((name) => {
      const kind = canonicalFileKind(name);
      return kind && ['eligibility', 'medical_claim', 'encounter'].includes(kind.table);
    });
    if (names.length === 0) return null;
    const tables = new Set(names.map((name) => canonicalFileKind(name)!.table));
    const kinds = [tables.has('medical_claim') && 'claims', tables.has('encounter') && 'clinical'].filter(Boolean).join(' and ');
    return `Tuva ${kinds || 'eligibility only'} (found ${names.sort().join(', ')})`;
  },

  plan(dir, fileNames): IngestPlan {
    const inputs: PlannedInput[] = [];
    const ignored: string[] = [];
    for (const name of [...fileNames].sort()) {
      const kind = canonicalFileKind(name);
      if (!kind) {
        ignored.push(name);
        continue;
      }
      const table = canonicalTables.find((t) => t.name === kind.table)!;
      const other = inputs.find((input) => input.table === table);
      if (other) {
        throw new InputError(`${dir}: both ${other.file} and ${name} hold ${table.name}; keep one file per table.`);
      }
      inputs.push({ table, file: name, source: { kind: kind.kind, path: join(dir, name) } });
    }
    const has = (table: string) => inputs.some((input) => input.table.name === table);
    if (!has('eligibility')) {
      throw new InputError(`${dir}: missing required file eligibility.csv (or eligibility.parquet).`);
    }
    if (!has('medical_claim') && !has('encounter')) {
      throw new InputError(`${dir}: missing required file medical_claim.csv or encounter.csv (or .parquet); a batch needs claims or encounters.`);
    }
    inputs.sort((a, b) => canonicalTables.indexOf(a.table) - canonicalTables.indexOf(b.table));
    return { inputs, ignored };
  },
};
