/**
 * Claims of one acute episode: the inpatient facility claims of each stay (bill type 111,
 * or interim 112/113/114 with disposition 30 for long stays; a transfer's first stay ends
 * with disposition 02), the ED facility claim when billed separately (131), the ED
 * physician (POS 23), admitting, surgeon and discharge physician claims (POS 21).
 */
import { edLevelCodes, facilityFee, fee, revenueDaily, roomAndBoard } from '../codes/services.ts';
import type { Calendar } from '../calendar.ts';
import type { Providers } from '../providers.ts';
import type { Rng } from '../rng.ts';
import type { Episode, Member, Stay } from '../types.ts';
import { type Claim, claim, institutionalLine, type Line, professionalLine, uniqueCodes } from './claim.ts';

const BASE_RATE = 6800;
const INTERIM_AFTER_NIGHTS = 14;

export interface EpisodeContext {
  cal: Calendar;
  providers: Providers;
  rng: Rng;
  member: Member;
}

/** Diagnoses of the episode's claims: principal first, then reason and member codes. */
export function episodeDiagnoses(ctx: EpisodeContext, ep: Episode): string[] {
  const { member, rng } = ctx;
  const codes = [ep.principal];
  if (ep.principal === 'I110' || ep.principal === 'I130') codes.push(rng.pick(member.codes.hfAcute));
  if (ep.reason.key === 'chemotherapy' && member.codes.cancer) codes.push(member.codes.cancer);
  for (const c of ep.reason.secondary) if (rng.chance(0.45)) codes.push(c);
  codes.push(...member.codes.chronic);
  for (const c of member.codes.other) if (rng.chance(0.7)) codes.push(c);
  return uniqueCodes(codes, rng.int(12, 25));
}

/** Every claim of an episode, in order of service. */
export function episodeClaims(ctx: EpisodeContext, ep: Episode, outsideEvent: boolean, edDay: number): Claim[] {
  const { providers, rng } = ctx;
  const dx = episodeDiagnoses(ctx, ep);
  const claims: Claim[] = [];
  const firstHospital = providers.hospitals[ep.stays[0].hospital];
  const level = edLevelCodes[ep.edLevel - 1];
  if (ep.viaEd === 'separate') claims.push(edFacilityClaim(ctx, firstHospital.npi, firstHospital.priceFactor, edDay, level, dx.slice(0, 8)));
  if (ep.viaEd !== null && rng.chance(ep.viaEd === 'separate' ? 0.9 : 0.75)) {
    claims.push(claim({
      institutional: false, start: edDay, end: edDay, pos: '23', rendering: rng.pick(firstHospital.edPhysicians), billing: firstHospital.edGroupNpi,
      facility: firstHospital.npi, dx: dx.slice(0, 6), lines: [professionalLine(rng, edDay, level, fee[level])],
    }));
  }
  const single = ep.stays.length === 1;
  ep.stays.forEach((stay, i) => {
    const procedureStay = ep.reason.key === 'myocardial_infarction' ? ep.stays.length - 1 : 0;
    const px = ep.procedure !== null && i === procedureStay ? [ep.procedure] : [];
    const stayClaims = stayFacilityClaims(ctx, ep, stay, i, dx, px);
    for (const c of stayClaims) {
      c.canNullFacility = single && stayClaims.length === 1;
      c.canReplace = c.canNullFacility && ep.viaEd !== 'separate';
    }
    claims.push(...stayClaims);
    claims.push(...stayProfessionalClaims(ctx, ep, stay, i, dx, px.length > 0));
  });
  if (outsideEvent) for (const c of claims) c.outsideEvent = true;
  return claims;
}

function edFacilityClaim(ctx: EpisodeContext, npi: string, priceFactor: number, day: number, level: string, dx: string[]): Claim {
  const { rng } = ctx;
  const lines = [
    institutionalLine(rng, day, day, '0450', level, 1, facilityFee[level] * priceFactor * rng.between(0.95, 1.05), 0.75),
    institutionalLine(rng, day, day, '0300', '80053', 1, facilityFee['80053'] * priceFactor, 0.75),
    institutionalLine(rng, day, day, '0730', '93005', 1, facilityFee['93005'] * priceFactor, 0.75),
  ];
  return claim({ institutional: true, start: day, end: day, billType: '131', facility: npi, billing: npi, dx, lines, disposition: '09' });
}

/** The facility claims of one stay, split into interim claims when long. */
function stayFacilityClaims(ctx: EpisodeContext, ep: Episode, stay: Stay, index: number, dx: string[], px: string[]): Claim[] {
  const { providers, rng } = ctx;
  const hospital = providers.hospitals[stay.hospital];
  const nights = Math.max(1, stay.discharge - stay.admit);
  const drgWeight = px.length > 0 && ep.reason.procedure ? ep.reason.procedure.drgWeight[ep.severity] : ep.reason.drgWeight[ep.severity];
  const outlier = Math.max(0, nights - 2.5 * ep.reason.meanLos) * 1200;
  const stayAllowed = (drgWeight * BASE_RATE + outlier) * hospital.priceFactor * rng.between(0.95, 1.05) * (ep.stays.length > 1 && index === 0 ? 0.6 : 1);
  const segments: [number, number][] = [];
  if (nights > INTERIM_AFTER_NIGHTS) {
    for (let s = stay.admit; s < stay.discharge; s += INTERIM_AFTER_NIGHTS) segments.push([s, Math.min(stay.discharge, s + INTERIM_AFTER_NIGHTS - 1)]);
    segments[segments.length - 1][1] = stay.discharge;
  } else {
    segments.push([stay.admit, stay.discharge]);
  }
  const admissionOnAll = rng.chance(0.8);
  const roomCode = rng.weighted(roomAndBoard);
  const icuNights = ep.severity === 0 && rng.chance(0.4) ? Math.min(nights, rng.int(1, 3)) : 0;
  return segments.map(([from, to], k) => {
    const last = k === segments.length - 1;
    const segNights = last ? Math.max(1, to - from) : to - from + 1;
    const lines: Line[] = [];
    const units: [string, string, number, number, number][] = [];
    const icu = k === 0 ? Math.min(icuNights, segNights) : 0;
    if (icu > 0) units.push(['0200', '', icu, from, from + icu - 1]);
    if (segNights - icu > 0) units.push([roomCode, '', segNights - icu, from + icu, to]);
    if (k === 0 && index === 0 && ep.viaEd === 'bundled') units.push(['0450', edLevelCodes[ep.edLevel - 1], 1, from, from]);
    for (const rev of ep.reason.ancillary) units.push([rev, '', rng.int(1, 4 + Math.min(segNights, 10)), from, to]);
    const weights = units.map(([rev, , n]) => (revenueDaily[rev] ?? 300) * n);
    const sumW = weights.reduce((a, b) => a + b, 0);
    const segAllowed = stayAllowed * (segments.length === 1 ? 1 : segNights / nights);
    units.forEach(([rev, hcpcs, n, s, e], j) => lines.push(institutionalLine(rng, s, e, rev, hcpcs, n, (segAllowed * weights[j]) / sumW, 0.94)));
    const billType = segments.length === 1 ? '111' : k === 0 ? '112' : last ? '114' : '113';
    return claim({
      institutional: true, start: from, end: to, admission: k === 0 || admissionOnAll ? stay.admit : null, discharge: last ? stay.discharge : null,
      admitSource: index > 0 ? '4' : ep.planned ? '2' : '1', admitType: ep.planned ? '3' : ep.viaEd !== null ? '1' : '2',
      disposition: last ? stay.disposition : '30', billType, drg: ep.drg, billing: hospital.npi, facility: hospital.npi, dx, px, lines,
    });
  });
}

function stayProfessionalClaims(ctx: EpisodeContext, ep: Episode, stay: Stay, index: number, dx: string[], withProcedure: boolean): Claim[] {
  const { providers, rng } = ctx;
  const hospital = providers.hospitals[stay.hospital];
  const attending = rng.pick(hospital.hospitalists);
  const pro = (day: number, code: string, rendering: string) =>
    claim({ institutional: false, start: day, end: day, pos: '21', rendering, billing: hospital.hospitalistGroupNpi, facility: hospital.npi, dx: dx.slice(0, 8), lines: [professionalLine(rng, day, code, fee[code])] });
  const claims = [pro(stay.admit, ep.severity === 0 ? '99223' : '99222', attending)];
  const cpt = ep.reason.procedure?.cpt ?? '';
  if (withProcedure && cpt !== '') {
    const day = Math.min(stay.discharge, stay.admit + (ep.planned ? 0 : 1));
    claims.push(claim({
      institutional: false, start: day, end: day, pos: '21', rendering: rng.pick(hospital.surgeons), billing: hospital.npi, facility: hospital.npi,
      dx: dx.slice(0, 4), lines: [professionalLine(rng, day, cpt, fee[cpt])],
    }));
  }
  const isLast = index === ep.stays.length - 1;
  if (isLast && !ep.died) claims.push(pro(stay.discharge, stay.discharge - stay.admit >= 4 ? '99239' : '99238', attending));
  return claims;
}
