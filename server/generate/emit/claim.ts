/** A claim before it is written: header fields, lines with amounts, and what messiness may touch it. */
import type { Rng } from '../rng.ts';

export interface Line {
  start: number;
  end: number;
  revenue: string;
  units: number | null;
  hcpcs: string;
  allowed: number;
  paid: number;
  charge: number;
}

export interface Claim {
  institutional: boolean;
  start: number;
  end: number;
  admission: number | null;
  discharge: number | null;
  admitSource: string;
  admitType: string;
  disposition: string;
  pos: string;
  billType: string;
  drg: string;
  rendering: string;
  billing: string;
  facility: string;
  dx: string[];
  px: string[];
  lines: Line[];
  /** Belongs to an event injected outside eligibility: written whatever its date. */
  outsideEvent: boolean;
  /** Messiness allowed on this claim without changing how its stay is built. */
  canNullFacility: boolean;
  canReplace: boolean;
}

/** Day the claim anchors to (MEASURES.md §3: institutional start = coalesce(admission_date, claim_start_date)). */
export function anchorDay(claim: Claim): number {
  return claim.institutional && claim.admission !== null ? claim.admission : claim.start;
}

/** A claim with defaults for the fields most claims leave blank. */
export function claim(fields: Partial<Claim> & Pick<Claim, 'institutional' | 'start' | 'end' | 'dx' | 'lines'>): Claim {
  return {
    admission: null,
    discharge: null,
    admitSource: '',
    admitType: '',
    disposition: '',
    pos: '',
    billType: '',
    drg: '',
    rendering: '',
    billing: '',
    facility: '',
    px: [],
    outsideEvent: false,
    canNullFacility: false,
    canReplace: false,
    ...fields,
  };
}

const cents = (x: number) => Math.round(x * 100) / 100;

/** A professional line: allowed from the fee, paid after ~20 % cost sharing, charge at 1.8–3× allowed. */
export function professionalLine(rng: Rng, day: number, hcpcs: string, fee: number, units = 1, priceFactor = 1): Line {
  const allowed = cents(fee * units * priceFactor * rng.between(0.97, 1.03));
  return { start: day, end: day, revenue: '', units, hcpcs, allowed, paid: cents(allowed * rng.between(0.78, 0.82)), charge: cents(allowed * rng.between(1.8, 3)) };
}

/** An institutional line with a given allowed amount; paid ratio and charge markup per claim type. */
export function institutionalLine(rng: Rng, start: number, end: number, revenue: string, hcpcs: string, units: number | null, allowed: number, paidRatio: number): Line {
  const a = cents(allowed);
  return { start, end, revenue, units, hcpcs, allowed: a, paid: cents(a * paidRatio), charge: cents(a * rng.between(2.8, 4.5)) };
}

/** Keeps codes in order without repeats, at most `max`. */
export function uniqueCodes(codes: readonly string[], max = 25): string[] {
  const out: string[] = [];
  for (const c of codes) if (c && !out.includes(c) && out.length < max) out.push(c);
  return out;
}
