/** Shapes shared by the generator's modules: a member, the events of one simulated world, the enrolment. */
import type { AdmissionReason, EdReason } from './codes/types.ts';

export interface Conditions {
  htn: boolean;
  dm: boolean;
  ihd: boolean;
  hf: boolean;
  copd: boolean;
  afib: boolean;
  ckd: boolean;
  dementia: boolean;
  depression: boolean;
  cancer: boolean;
  hipOa: boolean;
  kneeOa: boolean;
  mitral: boolean;
  bladder: boolean;
  ureter: boolean;
}

/** The ICD-10-CM codes a member's coders keep using for their conditions. */
export interface MemberCodes {
  /** Codes of the four target conditions and their usual companions, most important first. */
  chronic: string[];
  /** Other comorbidities (secondary diagnoses). */
  other: string[];
  /** Acute heart-failure codes used on admissions (members with heart failure). */
  hfAcute: string[];
  /** The cancer code (members with cancer). */
  cancer: string | null;
}

export interface Member {
  index: number;
  personId: string;
  memberId: string;
  gender: 'female' | 'male';
  race: string;
  birthDate: string;
  ageAtStart: number;
  conditions: Conditions;
  /** Number of the four target conditions. */
  targetCount: number;
  codes: MemberCodes;
  /** Person-level frailty (gamma, mean 1). */
  frailty: number;
  /** Baseline hazards per day. */
  admissionRate: number;
  edRate: number;
  plannedRate: number;
  /** Inpatient chemotherapy window [from, to] in days, or null. */
  chemoWindow: [number, number] | null;
  /** Office visits per year. */
  officeRate: number;
  /** Payer-side eligibility per period month (before death), and the plan of each month. */
  eligibleMonths: Uint8Array;
  planOfMonth: Uint8Array;
  /** First eligible day. */
  firstDay: number;
  /** Out-of-hospital death day, or Infinity. */
  naturalDeathDay: number;
  /** Per-admission probability scale of dying in hospital. */
  hospitalMortality: number;
  pcp: number;
  homeHospital: number;
}

export type Severity = 0 | 1 | 2; // MCC, CC, none

export interface Stay {
  hospital: number;
  admit: number;
  discharge: number;
  disposition: string;
}

export interface Episode {
  reason: AdmissionReason;
  principal: string;
  /** PCS code of the procedure performed, or null. */
  procedure: string | null;
  drg: string;
  severity: Severity;
  planned: boolean;
  /** 'bundled': ED line on the inpatient claim; 'separate': its own outpatient ED claim; null: not through the ED. */
  viaEd: 'bundled' | 'separate' | null;
  /** Date of the ED visit (admission day or the day before). */
  edDay: number;
  edLevel: number;
  stays: Stay[];
  admit: number;
  discharge: number;
  died: boolean;
}

export interface EdVisit {
  day: number;
  reason: EdReason;
  level: number;
}

/** One simulated history of a member. */
export interface World {
  episodes: Episode[];
  edVisits: EdVisit[];
  /** Death day (natural or in hospital), or Infinity. */
  deathDay: number;
}

export interface Enrollment {
  program: string;
  start: number;
  /** Last day the effect applies (fixed before the post-enrolment history is drawn). */
  plannedEnd: number;
  /** Whether the enrolment ends by disenrolment before plannedEnd's natural bound. */
  disenrolled: boolean;
  caseManager: number;
  acuity: string;
}
