/** Shapes of the generator's code tables (admission and ED reasons). */
import type { Weighted } from '../rng.ts';
import type { Conditions } from '../types.ts';

/** A reason for an acute inpatient admission: codes, DRGs, length of stay and routing. */
export interface AdmissionReason {
  key: string;
  planned: boolean;
  /** Principal diagnoses (ICD-10-CM) with their weights, paired with a PCS code when the procedure depends on it. */
  principal: Weighted<string>;
  /** Secondary diagnoses typical of the reason. */
  secondary: readonly string[];
  /** MS-DRG by severity: with MCC, with CC, without. */
  drg: readonly [string, string, string];
  /** Approximate relative weight of the DRG by severity (cost). */
  drgWeight: readonly [number, number, number];
  meanLos: number;
  /** Probability the admission comes through the ED. */
  viaEd: number;
  /** A procedure: the share of admissions with it, its ICD-10-PCS codes (by principal when given), DRGs and surgeon CPT. */
  procedure: {
    share: number;
    pcs: Weighted<string> | Readonly<Record<string, string>>;
    drg: readonly [string, string, string];
    drgWeight: readonly [number, number, number];
    cpt: string;
  } | null;
  /** Probability of a transfer to another hospital. */
  transfer: number;
  /** Relative in-hospital mortality. */
  mortality: number;
  /** Relative chance of discharge to post-acute care (SNF, home health). */
  postAcute: number;
  /** Relative frequency for a member with these conditions (0 = never). */
  frequency(c: Conditions): number;
  /** Revenue codes of ancillary lines typical of the reason. */
  ancillary: readonly string[];
}

/** A reason for an emergency department visit. */
export interface EdReason {
  key: string;
  principal: string;
  secondary: readonly string[];
  /** Weights of visit levels 99281 … 99285. */
  levels: Weighted<number>;
  /** Ancillary facility lines: [revenue code, HCPCS]. */
  ancillary: readonly (readonly [string, string])[];
  frequency(c: Conditions): number;
}
