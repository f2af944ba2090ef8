/**
 * Synthea CSV export (DESIGN.md: "Synthea CSV to the encounter extract first"). Detection
 * is in place so `ingest` can say what it found; the mapping to canonical tables is not
 * written yet, so planning fails with a clear message rather than loading anything.
 */
import { InputError } from '../../errors.ts';
import type { FormatAdapter } from './types.ts';

const SIGNATURE = ['patients.csv', 'encounters.csv'];

export const syntheaAdapter: FormatAdapter = {
  format: 'synthea',

  detect(fileNames) {
    const lower = new Set(fileNames.map((name) => name.toLowerCase()));
    return SIGNATURE.every((name) => lower.has(name)) ? `found ${SIGNATURE.join(', ')}` : null;
  },

  plan(dir) {
    throw new InputError(
      `${dir}: the Synthea adapter is not available yet; convert the export to the canonical files ` +
        '(eligibility.csv and encounter.csv, or medical_claim.csv) or ingest with --format tuva.',
    );
  },
};
