/**
 * The provider landscape of the synthetic region: hospitals, skilled nursing facilities,
 * primary-care clinicians and their groups, ED physicians, hospitalists, surgeons,
 * independent labs, the programs' care-management practices and their case managers.
 * NPIs are 10 digits with a valid Luhn check digit (prefix 80840), unique, drawn from the seed.
 */
import { Rng, Stream } from './rng.ts';

export interface Hospital {
  npi: string;
  tertiary: boolean;
  /** Payment level relative to the average (area wage, teaching status). */
  priceFactor: number;
  edPhysicians: string[];
  edGroupNpi: string;
  hospitalists: string[];
  hospitalistGroupNpi: string;
  surgeons: string[];
}

export interface Clinician {
  npi: string;
  groupNpi: string;
}

export interface CaseManager {
  id: string;
  name: string;
  program: string;
  /** Relative share of the program's new enrollees. */
  weight: number;
}

export interface Providers {
  hospitals: Hospital[];
  snfs: string[];
  pcps: Clinician[];
  labs: string[];
  /** Billing NPI of each program's care-management practice. */
  programPractice: Record<string, string>;
  caseManagers: CaseManager[];
  /** Case managers of each program, as indexes into caseManagers. */
  caseManagersOf: Record<string, number[]>;
}

export const PROGRAMS = ['Complex Care', 'Heart Failure Transitions'] as const;
export type ProgramName = (typeof PROGRAMS)[number];

/** Expected share of members enrolled per program (sizes caseloads; the realised share is in truth.json). */
const EXPECTED_ENROLLED_SHARE: Record<ProgramName, number> = { 'Complex Care': 0.022, 'Heart Failure Transitions': 0.009 };
const TARGET_CASELOAD = 110;

const FIRST = ['Maria', 'James', 'Aisha', 'Robert', 'Linh', 'David', 'Grace', 'Carlos', 'Fatima', 'John', 'Mei', 'Samuel', 'Olivia', 'Ahmed', 'Rosa', 'Daniel', 'Priya', 'Thomas', 'Keisha', 'Miguel', 'Hannah', 'Kwame', 'Elena', 'Patrick'];
const LAST = ['Alvarez', 'Bennett', 'Chen', 'Okafor', 'Duarte', 'Eriksen', 'Fitzgerald', 'Gupta', 'Haddad', 'Ibarra', 'Jensen', 'Kowalski', 'Lindqvist', 'Mensah', 'Nakamura', 'Ortega', 'Petrov', 'Quinn', 'Rahman', 'Santos', 'Tanaka', 'Underwood', 'Vasquez', 'Whitfield'];

function luhnCheckDigit(body9: string): number {
  const digits = `80840${body9}`;
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `npi` is 10 digits with a valid check digit. */
export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && luhnCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

class NpiFactory {
  private readonly seen = new Set<string>();
  constructor(private readonly rng: Rng) {}
  next(): string {
    for (;;) {
      const body = `1${String(this.rng.int(0, 99_999_999)).padStart(8, '0')}`;
      const npi = `${body}${luhnCheckDigit(body)}`;
      if (!this.seen.has(npi)) {
        this.seen.add(npi);
        return npi;
      }
    }
  }
  many(n: number): string[] {
    return Array.from({ length: n }, () => this.next());
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Builds the providers for a population of `members` from `seed`. */
export function buildProviders(seed: number, members: number): Providers {
  const rng = Rng.of(seed, -1, Stream.providers);
  const npi = new NpiFactory(rng);
  const hospitalCount = clamp(Math.round(members / 4000), 6, 60);
  const hospitals: Hospital[] = Array.from({ length: hospitalCount }, (_, i) => ({
    npi: npi.next(),
    tertiary: i < Math.max(2, Math.round(hospitalCount / 5)),
    priceFactor: rng.between(0.88, 1.18),
    edPhysicians: npi.many(4),
    edGroupNpi: npi.next(),
    hospitalists: npi.many(4),
    hospitalistGroupNpi: npi.next(),
    surgeons: npi.many(3),
  }));
  const snfs = npi.many(clamp(Math.round(members / 3000), 4, 80));
  const groupCount = clamp(Math.round(members / 2500), 4, 400);
  const groups = npi.many(groupCount);
  const pcps = Array.from({ length: clamp(Math.round(members / 450), 12, 2500) }, () => ({ npi: npi.next(), groupNpi: rng.pick(groups) }));
  const labs = npi.many(3);
  const programPractice: Record<string, string> = {};
  const caseManagers: CaseManager[] = [];
  const caseManagersOf: Record<string, number[]> = {};
  const usedNames = new Set<string>();
  for (const program of PROGRAMS) {
    programPractice[program] = npi.next();
    caseManagersOf[program] = [];
    const count = Math.max(1, Math.round((members * EXPECTED_ENROLLED_SHARE[program]) / TARGET_CASELOAD));
    for (let i = 0; i < count; i++) {
      let name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
      while (usedNames.has(name)) name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
      if (usedNames.size >= FIRST.length * LAST.length - 1) usedNames.clear();
      usedNames.add(name);
      caseManagersOf[program].push(caseManagers.length);
      caseManagers.push({ id: `CM${String(caseManagers.length + 1).padStart(3, '0')}`, name, program, weight: rng.between(0.6, 1.4) });
    }
  }
  return { hospitals, snfs, pcps, labs, programPractice, caseManagers, caseManagersOf };
}
