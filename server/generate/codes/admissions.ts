/**
 * Reasons for acute inpatient admissions: principal diagnoses (ICD-10-CM), MS-DRGs by
 * severity with approximate relative weights, length of stay, ED routing, procedures
 * (ICD-10-PCS) and how often each happens given a member's conditions.
 *
 * Unplanned reasons include two whose principal diagnosis is in the HWR exclusion
 * categories (psychiatric, medical treatment of cancer). Planned reasons are planned under
 * the CMS Planned Readmission Algorithm v4: maintenance chemotherapy (Z51.11, always-planned
 * diagnosis CCS 45), and scheduled procedures with a non-acute principal diagnosis whose PCS
 * codes are potentially planned by CCS category (hip/knee replacement, PTCA, valve repair)
 * or by the PCS code list (bladder fulguration 0T5B8ZZ, ureter excision 0TB78ZZ).
 */
import { weighted } from '../rng.ts';
import type { Conditions } from '../types.ts';
import type { AdmissionReason } from './types.ts';

type Spec = Omit<AdmissionReason, 'planned' | 'principal' | 'procedure' | 'ancillary' | 'secondary' | 'transfer' | 'mortality' | 'postAcute'> & {
  principal: readonly (readonly [string, number])[];
  procedure?: AdmissionReason['procedure'];
  ancillary?: readonly string[];
  secondary?: readonly string[];
  transfer?: number;
  mortality?: number;
  postAcute?: number;
};

const MEDICAL = ['0250', '0300', '0320', '0730'] as const;
const SURGICAL = ['0250', '0272', '0278', '0300', '0360', '0370', '0710'] as const;

function reason(planned: boolean, spec: Spec): AdmissionReason {
  return {
    secondary: [],
    transfer: 0.02,
    mortality: 1,
    postAcute: 1,
    ancillary: MEDICAL,
    ...spec,
    planned,
    principal: weighted(spec.principal),
    procedure: spec.procedure ?? null,
  };
}
const unplanned = (spec: Spec) => reason(false, spec);
const planned = (spec: Spec) => reason(true, spec);
const x = (cond: boolean, factor: number) => (cond ? factor : 1);

export const unplannedReasons: readonly AdmissionReason[] = [
  unplanned({
    key: 'heart_failure', principal: [['HF', 1]], drg: ['291', '292', '293'], drgWeight: [1.34, 0.88, 0.62],
    meanLos: 5.0, viaEd: 0.8, mortality: 1.3, frequency: (c) => (c.hf ? 30 : 0),
    secondary: ['N179', 'E871', 'J9601'], ancillary: ['0250', '0300', '0320', '0410', '0730', '0480'],
  }),
  unplanned({
    key: 'pneumonia', principal: [['J189', 85], ['J159', 5], ['J690', 10]], drg: ['193', '194', '195'], drgWeight: [1.3, 0.87, 0.64],
    meanLos: 5.0, viaEd: 0.85, mortality: 1.4, frequency: (c) => 10 * x(c.copd, 1.8) * x(c.dementia, 1.4),
    secondary: ['J9601', 'E871', 'R0902'], ancillary: ['0250', '0300', '0320', '0410'],
  }),
  unplanned({
    key: 'sepsis', principal: [['A419', 85], ['A4189', 15]], drg: ['871', '872', '872'], drgWeight: [1.87, 1.03, 1.03],
    meanLos: 6.4, viaEd: 0.9, mortality: 3, postAcute: 1.4, frequency: (c) => 9 * x(c.dm, 1.2) * x(c.cancer, 2) * x(c.dementia, 1.3),
    secondary: ['R6520', 'N179', 'N390', 'E8729'], ancillary: ['0250', '0258', '0300', '0306', '0320'],
  }),
  unplanned({
    key: 'copd', principal: [['J441', 70], ['J440', 30]], drg: ['190', '191', '192'], drgWeight: [1.17, 0.92, 0.72],
    meanLos: 4.2, viaEd: 0.85, frequency: (c) => (c.copd ? 18 : 0), secondary: ['J9601', 'Z87891'], ancillary: ['0250', '0300', '0320', '0410'],
  }),
  unplanned({
    key: 'uti', principal: [['N390', 1]], drg: ['689', '690', '690'], drgWeight: [1.11, 0.79, 0.79],
    meanLos: 4.0, viaEd: 0.85, frequency: (c) => 5 * x(c.dementia, 1.8), secondary: ['B9620', 'E860'],
  }),
  unplanned({
    key: 'kidney_injury', principal: [['N179', 1]], drg: ['682', '683', '684'], drgWeight: [1.47, 0.9, 0.63],
    meanLos: 4.8, viaEd: 0.8, frequency: (c) => 4 * x(c.ckd, 2.5) * x(c.hf, 1.3), secondary: ['E875', 'E860'],
  }),
  unplanned({
    key: 'stroke', principal: [['I639', 60], ['I63512', 20], ['I6350', 20]], drg: ['064', '065', '066'], drgWeight: [1.82, 1.02, 0.76],
    meanLos: 4.6, viaEd: 0.95, transfer: 0.07, mortality: 2.2, postAcute: 2.2,
    frequency: (c) => 3.5 * x(c.afib, 2) * x(c.htn, 1.3), secondary: ['R4701', 'I69351'], ancillary: ['0250', '0300', '0350', '0610', '0420'],
  }),
  unplanned({
    key: 'myocardial_infarction', principal: [['I214', 75], ['I2119', 15], ['I2109', 10]], drg: ['280', '281', '282'], drgWeight: [1.67, 1.0, 0.78],
    meanLos: 4.0, viaEd: 0.95, transfer: 0.1, mortality: 2, frequency: (c) => (c.ihd ? 9 : 0), secondary: ['I2510', 'E785'],
    ancillary: ['0250', '0300', '0480', '0730'],
    procedure: { share: 0.45, pcs: weighted([['02703DZ', 55], ['027034Z', 35], ['02713DZ', 10]] as const), drg: ['246', '247', '247'], drgWeight: [2.9, 2.0, 2.0], cpt: '92928' },
  }),
  unplanned({
    key: 'chest_pain', principal: [['R0789', 80], ['R079', 20]], drg: ['313', '313', '313'], drgWeight: [0.59, 0.59, 0.59],
    meanLos: 1.7, viaEd: 0.9, mortality: 0.1, postAcute: 0.2, frequency: (c) => 4 * x(c.ihd, 1.5), ancillary: ['0250', '0300', '0480', '0730'],
  }),
  unplanned({
    key: 'syncope', principal: [['R55', 1]], drg: ['312', '312', '312'], drgWeight: [0.8, 0.8, 0.8],
    meanLos: 2.6, viaEd: 0.9, mortality: 0.2, frequency: () => 3, ancillary: ['0250', '0300', '0350', '0730'],
  }),
  unplanned({
    key: 'cellulitis', principal: [['L03115', 50], ['L03116', 50]], drg: ['602', '603', '603'], drgWeight: [1.42, 0.85, 0.85],
    meanLos: 4.5, viaEd: 0.75, mortality: 0.3, frequency: (c) => 3 * x(c.dm, 1.6),
  }),
  unplanned({
    key: 'gi_bleed', principal: [['K922', 60], ['K921', 40]], drg: ['377', '378', '379'], drgWeight: [1.76, 1.0, 0.69],
    meanLos: 4.2, viaEd: 0.85, mortality: 1.5, frequency: (c) => 3.5 * x(c.afib, 1.6), secondary: ['D62'], ancillary: ['0250', '0300', '0390', '0750'],
  }),
  unplanned({
    key: 'diabetes_complication', principal: [['E11649', 40], ['E1165', 35], ['E1110', 15], ['E1100', 10]], drg: ['637', '638', '639'],
    drgWeight: [1.38, 0.87, 0.6], meanLos: 3.8, viaEd: 0.85, mortality: 0.5, frequency: (c) => (c.dm ? 7 : 0),
  }),
  unplanned({
    key: 'hypertensive_crisis', principal: [['I160', 50], ['I161', 50]], drg: ['304', '305', '305'], drgWeight: [1.02, 0.67, 0.67],
    meanLos: 3.0, viaEd: 0.9, mortality: 0.3, frequency: (c) => (c.htn ? 2 : 0),
  }),
  unplanned({
    key: 'atrial_fibrillation', principal: [['I4891', 70], ['I480', 30]], drg: ['308', '309', '310'], drgWeight: [1.18, 0.78, 0.55],
    meanLos: 3.2, viaEd: 0.85, mortality: 0.5, frequency: (c) => (c.afib ? 7 : 0.8), ancillary: ['0250', '0300', '0480', '0730'],
  }),
  unplanned({
    key: 'hip_fracture', principal: [['S72001A', 50], ['S72002A', 50]], drg: ['480', '481', '482'], drgWeight: [2.95, 2.05, 1.7],
    meanLos: 5.5, viaEd: 0.95, mortality: 1.5, postAcute: 3, frequency: (c) => 2.5 * x(c.dementia, 2), secondary: ['W19XXXA', 'Y92009'],
    ancillary: SURGICAL,
    procedure: { share: 0.95, pcs: { S72001A: '0QS604Z', S72002A: '0QS704Z' }, drg: ['480', '481', '482'], drgWeight: [2.95, 2.05, 1.7], cpt: '27245' },
  }),
  unplanned({
    key: 'dehydration', principal: [['E860', 60], ['E871', 40]], drg: ['640', '641', '641'], drgWeight: [1.16, 0.75, 0.75],
    meanLos: 3.5, viaEd: 0.85, mortality: 0.6, frequency: () => 3,
  }),
  unplanned({
    key: 'psychiatric', principal: [['F332', 55], ['F29', 25], ['F200', 20]], drg: ['885', '885', '885'], drgWeight: [1.36, 1.36, 1.36],
    meanLos: 9, viaEd: 0.6, mortality: 0.1, postAcute: 0.3, frequency: (c) => 0.7 * x(c.depression, 5), ancillary: ['0250', '0300', '0900'],
  }),
  unplanned({
    key: 'cancer', principal: [['CANCER', 1]], drg: ['180', '181', '182'], drgWeight: [1.75, 1.2, 0.85],
    meanLos: 5.5, viaEd: 0.6, mortality: 3, frequency: (c) => (c.cancer ? 12 : 0), ancillary: ['0250', '0300', '0320', '0636'],
  }),
];

/** MS-DRGs of the medical cancer admission by cancer code (the table above holds lung's). */
export const cancerDrgs: Readonly<Record<string, readonly [string, string, string]>> = {
  C3490: ['180', '181', '182'],
  C189: ['374', '375', '376'],
  C50911: ['597', '598', '599'],
  C9000: ['840', '841', '842'],
};

const JOINT: Spec['drgWeight'] = [3.0, 1.9, 1.9];

export const plannedReasons: Readonly<Record<string, AdmissionReason>> = {
  chemotherapy: planned({
    key: 'chemotherapy', principal: [['Z5111', 1]], drg: ['846', '847', '848'], drgWeight: [2.3, 1.3, 0.9], meanLos: 3, viaEd: 0,
    mortality: 0.3, postAcute: 0.1, frequency: (c) => (c.cancer ? 1 : 0), ancillary: ['0250', '0260', '0300', '0636'],
    procedure: { share: 1, pcs: weighted([['3E04305', 1]] as const), drg: ['846', '847', '848'], drgWeight: [2.3, 1.3, 0.9], cpt: '' },
  }),
  hipReplacement: planned({
    key: 'hip_replacement', principal: [['M1611', 50], ['M1612', 50]], drg: ['469', '470', '470'], drgWeight: JOINT, meanLos: 2, viaEd: 0,
    mortality: 0.1, postAcute: 1.5, frequency: (c) => (c.hipOa ? 1 : 0), ancillary: SURGICAL,
    procedure: { share: 1, pcs: { M1611: '0SR9019', M1612: '0SRB019' }, drg: ['469', '470', '470'], drgWeight: JOINT, cpt: '27130' },
  }),
  kneeReplacement: planned({
    key: 'knee_replacement', principal: [['M1711', 50], ['M1712', 50]], drg: ['469', '470', '470'], drgWeight: JOINT, meanLos: 2, viaEd: 0,
    mortality: 0.1, postAcute: 1.5, frequency: (c) => (c.kneeOa ? 1 : 0), ancillary: SURGICAL,
    procedure: { share: 1, pcs: { M1711: '0SRC0J9', M1712: '0SRD0J9' }, drg: ['469', '470', '470'], drgWeight: JOINT, cpt: '27447' },
  }),
  coronaryIntervention: planned({
    key: 'coronary_intervention', principal: [['I2510', 1]], drg: ['246', '247', '247'], drgWeight: [2.9, 2.0, 2.0], meanLos: 1.2, viaEd: 0,
    mortality: 0.2, postAcute: 0.2, frequency: (c) => (c.ihd ? 1 : 0), ancillary: ['0250', '0272', '0278', '0300', '0481'],
    procedure: { share: 1, pcs: weighted([['02703DZ', 60], ['027034Z', 40]] as const), drg: ['246', '247', '247'], drgWeight: [2.9, 2.0, 2.0], cpt: '92928' },
  }),
  valveRepair: planned({
    key: 'valve_repair', principal: [['I340', 1]], drg: ['266', '267', '267'], drgWeight: [5.5, 4.4, 4.4], meanLos: 2, viaEd: 0,
    mortality: 0.3, postAcute: 0.5, frequency: (c) => (c.mitral ? 1 : 0), ancillary: ['0250', '0272', '0278', '0300', '0481'],
    procedure: { share: 1, pcs: weighted([['02UG3JZ', 1]] as const), drg: ['266', '267', '267'], drgWeight: [5.5, 4.4, 4.4], cpt: '33418' },
  }),
  bladderFulguration: planned({
    key: 'bladder_fulguration', principal: [['N3289', 1]], drg: ['668', '669', '670'], drgWeight: [2.4, 1.25, 0.85], meanLos: 1.5, viaEd: 0,
    mortality: 0.1, postAcute: 0.2, frequency: (c) => (c.bladder ? 1 : 0), ancillary: SURGICAL,
    procedure: { share: 1, pcs: weighted([['0T5B8ZZ', 1]] as const), drg: ['668', '669', '670'], drgWeight: [2.4, 1.25, 0.85], cpt: '52224' },
  }),
  ureterExcision: planned({
    key: 'ureter_excision', principal: [['N135', 1]], drg: ['668', '669', '670'], drgWeight: [2.4, 1.25, 0.85], meanLos: 1.5, viaEd: 0,
    mortality: 0.1, postAcute: 0.2, frequency: (c) => (c.ureter ? 1 : 0), ancillary: SURGICAL,
    procedure: { share: 1, pcs: weighted([['0TB78ZZ', 1]] as const), drg: ['668', '669', '670'], drgWeight: [2.4, 1.25, 0.85], cpt: '52344' },
  }),
};

/** Planned elective reasons a member can have (not chemotherapy, which runs in windows). */
export function electiveReasonsOf(c: Conditions): AdmissionReason[] {
  return [plannedReasons.hipReplacement, plannedReasons.kneeReplacement, plannedReasons.coronaryIntervention, plannedReasons.valveRepair, plannedReasons.bladderFulguration, plannedReasons.ureterExcision].filter(
    (r) => r.frequency(c) > 0,
  );
}
