/**
 * Every code the generator can write, by code system — the list the dev-time tool checks
 * against the public reference tables (datasets/generator/code_facts.csv) and the tests
 * check the generated files against.
 */
import { cancerDrgs, plannedReasons, unplannedReasons } from './admissions.ts';
import * as conditions from './conditions.ts';
import { edReasons, edRevenueCodes } from './ed.ts';
import * as services from './services.ts';
import type { Weighted } from '../rng.ts';
import type { AdmissionReason } from './types.ts';

export interface CodeCatalog {
  icd10cm: string[];
  icd10pcs: string[];
  hcpcs: string[];
  msDrg: string[];
  revenue: string[];
}

/** Placeholders in admission reasons resolved per member (heart-failure and cancer codes). */
const PLACEHOLDERS = new Set(['HF', 'CANCER']);

function isWeighted(x: unknown): x is Weighted<unknown> {
  return typeof x === 'object' && x !== null && 'cumulative' in x && 'items' in x;
}

const sorted = (s: Set<string>) => [...s].sort();

/** The generator's code catalog. */
export function codeCatalog(): CodeCatalog {
  const dx = new Set<string>();
  const pcs = new Set<string>();
  const hcpcs = new Set<string>();
  const drg = new Set<string>();
  const revenue = new Set<string>();
  for (const value of Object.values(conditions)) {
    if (isWeighted(value)) for (const c of value.items) dx.add(String(c));
  }
  for (const codes of Object.values(conditions.heartFailureAcuteOf)) for (const c of codes) dx.add(c);
  for (const [c] of conditions.comorbidities) dx.add(c);
  for (const c of Object.values(conditions.diabetesCompanions)) dx.add(c);
  for (const c of conditions.ihdCompanions) dx.add(c);
  dx.add(conditions.afibCompanion);

  const reasons: AdmissionReason[] = [...unplannedReasons, ...Object.values(plannedReasons)];
  for (const r of reasons) {
    for (const c of r.principal.items) if (!PLACEHOLDERS.has(c)) dx.add(c);
    for (const c of r.secondary) dx.add(c);
    for (const d of r.drg) drg.add(d);
    for (const rev of r.ancillary) revenue.add(rev);
    if (r.procedure) {
      const p = r.procedure.pcs;
      for (const c of isWeighted(p) ? p.items : Object.values(p)) pcs.add(String(c));
      for (const d of r.procedure.drg) drg.add(d);
      if (r.procedure.cpt) hcpcs.add(r.procedure.cpt);
    }
  }
  for (const d of Object.values(cancerDrgs).flat()) drg.add(d);
  for (const e of edReasons) {
    dx.add(e.principal);
    for (const c of e.secondary) dx.add(c);
    for (const [rev, code] of e.ancillary) {
      revenue.add(rev);
      hcpcs.add(code);
    }
  }
  for (const rev of edRevenueCodes.items) revenue.add(rev);
  revenue.add('0981');
  for (const table of [services.everydayDiagnoses, services.wellnessDiagnoses]) for (const c of table.items) dx.add(c);
  for (const c of Object.values(services.snfPrincipalOf)) dx.add(c);
  dx.add(services.snfSecondary);
  for (const [rev, code] of services.snfTherapy) {
    revenue.add(rev);
    hcpcs.add(code);
  }
  for (const code of [...Object.keys(services.fee), ...Object.keys(services.facilityFee)]) hcpcs.add(code);
  for (const rev of Object.keys(services.revenueDaily)) revenue.add(rev);
  for (const rev of services.roomAndBoard.items) revenue.add(rev);
  return { icd10cm: sorted(dx), icd10pcs: sorted(pcs), hcpcs: sorted(hcpcs), msDrg: sorted(drg), revenue: sorted(revenue) };
}
