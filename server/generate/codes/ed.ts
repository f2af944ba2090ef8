/**
 * Reasons for emergency department visits that end in treat-and-release: principal
 * diagnosis (ICD-10-CM), usual secondary codes, visit-level mix (99281–99285) and the
 * facility's ancillary lines (revenue code, HCPCS).
 */
import { weighted } from '../rng.ts';
import type { Conditions } from '../types.ts';
import type { EdReason } from './types.ts';

const LAB = ['0300', '80053'] as const;
const CBC = ['0305', '85025'] as const;
const XRAY = ['0320', '71046'] as const;
const CT_HEAD = ['0350', '70450'] as const;
const EKG = ['0730', '93005'] as const;
const UA = ['0300', '81001'] as const;

const usual = weighted([[1, 2], [2, 7], [3, 30], [4, 38], [5, 23]] as const);
const minor = weighted([[1, 5], [2, 20], [3, 45], [4, 25], [5, 5]] as const);
const serious = weighted([[2, 2], [3, 15], [4, 40], [5, 43]] as const);

const ed = (key: string, principal: string, levels: EdReason['levels'], ancillary: EdReason['ancillary'], frequency: (c: Conditions) => number, secondary: readonly string[] = []): EdReason => ({
  key,
  principal,
  secondary,
  levels,
  ancillary,
  frequency,
});
const x = (cond: boolean, factor: number) => (cond ? factor : 1);

export const edReasons: readonly EdReason[] = [
  ed('chest_pain', 'R0789', serious, [LAB, CBC, XRAY, EKG], (c) => 8 * x(c.ihd, 1.6)),
  ed('shortness_of_breath', 'R0602', serious, [LAB, CBC, XRAY, EKG], (c) => 4 * x(c.hf, 2) * x(c.copd, 2)),
  ed('abdominal_pain', 'R109', usual, [LAB, CBC, UA], () => 6),
  ed('low_back_pain', 'M5450', minor, [], () => 4),
  ed('fall_head_injury', 'S0990XA', usual, [CT_HEAD], (c) => 4 * x(c.dementia, 2), ['W19XXXA']),
  ed('injury', 'T148XXA', minor, [XRAY], () => 3, ['W19XXXA']),
  ed('scalp_contusion', 'S0003XA', minor, [CT_HEAD], () => 2, ['W19XXXA']),
  ed('dizziness', 'R42', usual, [LAB, EKG], () => 3),
  ed('syncope', 'R55', serious, [LAB, EKG, CT_HEAD], () => 2),
  ed('urinary_infection', 'N390', usual, [UA, CBC], (c) => 4 * x(c.dementia, 1.6)),
  ed('weakness', 'R531', usual, [LAB, CBC, EKG], () => 3),
  ed('headache', 'R519', usual, [CT_HEAD], () => 2),
  ed('cellulitis', 'L03115', minor, [CBC], (c) => 2 * x(c.dm, 1.5)),
  ed('upper_respiratory', 'J069', minor, [], () => 3),
  ed('bronchitis', 'J209', minor, [XRAY], () => 2),
  ed('copd_exacerbation', 'J441', serious, [LAB, XRAY], (c) => (c.copd ? 8 : 0)),
  ed('hypertension', 'I10', usual, [LAB, EKG], (c) => (c.htn ? 2 : 0)),
  ed('hyperglycemia', 'E1165', usual, [LAB], (c) => (c.dm ? 2 : 0)),
  ed('constipation', 'K5900', minor, [], () => 2),
  ed('dehydration', 'E860', usual, [LAB], () => 1.5),
  ed('atrial_fibrillation', 'I4891', serious, [LAB, EKG], (c) => (c.afib ? 3 : 0)),
  ed('fever', 'R509', usual, [LAB, CBC, UA], () => 1.5),
  ed('ankle_sprain', 'S93401A', minor, [XRAY], () => 1.5, ['W010XXA']),
  ed('hand_laceration', 'S61411A', minor, [], () => 1.5, ['W260XXA']),
];

/** ED revenue code of the main facility line (MEASURES.md §5 ED lines), weighted as seen in extracts. */
export const edRevenueCodes = weighted([['0450', 90], ['0451', 3], ['0452', 2], ['0459', 5]] as const);
