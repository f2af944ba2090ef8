/**
 * Professional and outpatient services: CPT/HCPCS codes with approximate Medicare-level
 * allowed amounts (USD, 2022–2024 order of magnitude), visit mixes and everyday diagnoses.
 * Revenue codes are UB-04 4-digit codes.
 */
import { weighted } from '../rng.ts';

/** Approximate allowed amount per unit by CPT/HCPCS code. */
export const fee: Readonly<Record<string, number>> = {
  '99212': 57, '99213': 92, '99214': 131, '99215': 185,
  G0438: 175, G0439: 120,
  '36415': 3, '93000': 17, '83036': 13, '80053': 11, '80061': 14, '85025': 8, '84443': 17, '82043': 6, '81001': 4,
  '99281': 22, '99282': 42, '99283': 66, '99284': 117, '99285': 172,
  '99222': 140, '99223': 200, '99238': 75, '99239': 108,
  '27130': 1300, '27447': 1300, '92928': 520, '27245': 1150, '33418': 1700, '52224': 270, '52344': 410,
  '99490': 62, '99439': 47, '99487': 132,
  '99495': 201, '99496': 272,
};

/** Facility (OPPS-like) allowed amounts for ED visit levels and ancillary HCPCS. */
export const facilityFee: Readonly<Record<string, number>> = {
  '99281': 84, '99282': 155, '99283': 273, '99284': 450, '99285': 660,
  '80053': 40, '85025': 25, '81001': 15, '71046': 95, '70450': 210, '93005': 35,
};

/** Average allowed per unit for inpatient revenue lines without HCPCS (used for charges). */
export const revenueDaily: Readonly<Record<string, number>> = {
  '0110': 1500, '0120': 1300, '0200': 3800,
  '0250': 450, '0258': 120, '0260': 300, '0272': 400, '0278': 2500, '0300': 350, '0305': 120, '0306': 150, '0320': 300,
  '0350': 900, '0360': 3500, '0370': 900, '0390': 400, '0410': 350, '0420': 250, '0430': 220, '0480': 600, '0481': 4000,
  '0610': 1400, '0636': 1500, '0710': 600, '0730': 180, '0750': 900, '0900': 300, '0450': 800,
};

export const officeVisitCodes = weighted([['99213', 55], ['99214', 35], ['99212', 5], ['99215', 5]] as const);
export const edLevelCodes = ['99281', '99282', '99283', '99284', '99285'] as const;

/** Extra lines on an office visit claim: [HCPCS, probability]. */
export const officeExtras: readonly (readonly [string, number])[] = [['36415', 0.25], ['93000', 0.06], ['83036', 0.12]];

/** Independent lab panels: HCPCS codes billed together. */
export const labPanels = weighted([
  [['80053', '85025'], 35], [['83036', '80061'], 25], [['80061', '84443'], 15], [['80053', '82043'], 15], [['85025'], 10],
] as const);

/** Everyday diagnoses of office visits for problems other than the chronic conditions. */
export const everydayDiagnoses = weighted([
  ['E785', 20], ['M1990', 8], ['K219', 6], ['E039', 6], ['J069', 8], ['N390', 4], ['M5450', 6], ['R42', 3], ['Z23', 10],
  ['M25561', 4], ['R5383', 5], ['L570', 2], ['H6123', 2], ['B351', 2], ['R0989', 2],
] as const);

/** Annual wellness visit diagnoses. */
export const wellnessDiagnoses = weighted([['Z0000', 70], ['Z0001', 30]] as const);

/** Room-and-board revenue codes: semi-private mostly, some private. */
export const roomAndBoard = weighted([['0120', 85], ['0110', 15]] as const);

/** Principal diagnoses of the SNF stay after an episode, by the episode's principal or reason (default: the same code). */
export const snfPrincipalOf: Readonly<Record<string, string>> = { S72001A: 'S72001D', S72002A: 'S72002D', hip_replacement: 'Z471', knee_replacement: 'Z471' };
/** Secondary diagnosis of every SNF stay (difficulty walking). */
export const snfSecondary = 'R2689';
/** Therapy lines on SNF claims: [revenue code, HCPCS]. */
export const snfTherapy = [['0420', '97110'], ['0430', '97530']] as const;
