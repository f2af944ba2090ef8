/**
 * ICD-10-CM codes of the chronic conditions, weighted the way coders spread them
 * (every code checked against the CCSR v2025.1 code list; see datasets/generator/README.md).
 * Combination codes follow the coding rules: hypertension with heart failure is I11.0
 * (or I13.0 with chronic kidney disease) plus an I50 code; without heart failure never I11.0/I13.0.
 */
import { weighted } from '../rng.ts';

export const diabetesCodes = weighted([
  ['E119', 30], ['E1165', 14], ['E1122', 10], ['E1140', 6], ['E1142', 5], ['E1151', 3],
  ['E1169', 4], ['E11649', 2], ['E1121', 2], ['E118', 2], ['E1136', 1], ['E11319', 1],
  ['E109', 2], ['E1065', 1],
] as const);

/** Hypertension without heart failure. */
export const hypertensionCodes = weighted([['I10', 80], ['I129', 10], ['I119', 7], ['I1310', 3]] as const);
/** Hypertension with heart failure: combination code or (against the rule, as happens) I10. */
export const hypertensionHeartFailureCodes = weighted([['I110', 55], ['I130', 15], ['I10', 30]] as const);

export const heartFailureChronicCodes = weighted([
  ['I5022', 25], ['I5032', 30], ['I5042', 10], ['I509', 20], ['I5020', 8], ['I5030', 7],
] as const);
/** Acute-on-chronic heart failure codes for admissions, matched to the chronic type. */
export const heartFailureAcuteOf: Readonly<Record<string, readonly string[]>> = {
  I5022: ['I5023', 'I5021'],
  I5020: ['I5023', 'I5021'],
  I5032: ['I5033', 'I5031'],
  I5030: ['I5033', 'I5031'],
  I5042: ['I5043', 'I5041'],
  I509: ['I509', 'I5033', 'I5023'],
};

export const ischemicHeartDiseaseCodes = weighted([
  ['I2510', 65], ['I252', 10], ['I25119', 6], ['I209', 5], ['I25118', 4], ['I255', 4],
] as const);

/** Chronic kidney disease stages (current codes; N18.3 was split in FY2021). */
export const ckdCodes = weighted([['N1830', 40], ['N1831', 20], ['N1832', 15], ['N184', 15], ['N189', 10]] as const);

/** Comorbidities as secondary diagnoses, with their prevalence among members. */
export const comorbidities: readonly (readonly [string, number])[] = [
  ['E785', 0.45], ['E782', 0.08], ['E039', 0.12], ['K219', 0.15], ['E669', 0.14], ['Z87891', 0.2],
  ['G4733', 0.06], ['M1990', 0.15], ['E6601', 0.04],
];

export const copdCodes = weighted([['J449', 85], ['J439', 15]] as const);
export const afibCodes = weighted([['I4891', 55], ['I480', 25], ['I4820', 20]] as const);
export const dementiaCodes = weighted([['F0390', 60], ['G309', 40]] as const);
export const depressionCodes = weighted([['F329', 60], ['F331', 40]] as const);
export const cancerCodes = weighted([['C3490', 30], ['C189', 25], ['C50911', 30], ['C9000', 15]] as const);

/** Companions of the target conditions (medication and status codes). */
export const diabetesCompanions = { insulin: 'Z794', oral: 'Z7984' } as const;
export const ihdCompanions = ['Z955', 'Z951'] as const;
export const afibCompanion = 'Z7901';

/** Prefixes of the target conditions, as MEASURES.md §2 defines them. */
export const targetPrefixes: Readonly<Record<'diabetes' | 'hypertension' | 'heart_failure' | 'ischemic_heart_disease', readonly string[]>> = {
  diabetes: ['E08', 'E09', 'E10', 'E11', 'E13'],
  hypertension: ['I10', 'I11', 'I12', 'I13', 'I15', 'I16'],
  heart_failure: ['I50', 'I110', 'I130', 'I132', 'I0981'],
  ischemic_heart_disease: ['I20', 'I21', 'I22', 'I23', 'I24', 'I25'],
};
