/**
 * Outpatient claims: treat-and-release ED visits (facility claim 131 with an ED revenue
 * line and HCPCS 99281–99285, plus the ED physician's POS 23 claim), office visits
 * (E/M 99212–99215, POS 11), annual wellness visits, independent lab panels (POS 81)
 * and monthly chronic care management (99490, 99439, 99487) for enrolled members.
 */
import { edRevenueCodes } from '../codes/ed.ts';
import { edLevelCodes, everydayDiagnoses, facilityFee, fee, labPanels, officeExtras, officeVisitCodes, wellnessDiagnoses } from '../codes/services.ts';
import { MODEL } from '../model.ts';
import type { EdVisit } from '../types.ts';
import { type Claim, claim, institutionalLine, type Line, professionalLine, uniqueCodes } from './claim.ts';
import type { EpisodeContext } from './hospital.ts';

/** Diagnoses a clinician codes at a routine visit: most chronic codes, some comorbidities. */
export function visitDiagnoses(ctx: EpisodeContext, extraShare = 0.3): string[] {
  const { rng, member } = ctx;
  const codes: string[] = [];
  for (const c of member.codes.chronic) if (rng.chance(MODEL.outpatient.chronicCodeOnVisit)) codes.push(c);
  if (codes.length === 0 && member.codes.chronic.length > 0) codes.push(member.codes.chronic[0]);
  for (const c of member.codes.other) if (rng.chance(0.25)) codes.push(c);
  if (codes.length === 0 || rng.chance(extraShare)) codes.push(rng.weighted(everydayDiagnoses));
  return uniqueCodes(codes, 12);
}

/** Claims of a treat-and-release ED visit. */
export function edVisitClaims(ctx: EpisodeContext, visit: EdVisit, outsideEvent: boolean): Claim[] {
  const { rng, member, providers } = ctx;
  const hospital = providers.hospitals[rng.chance(0.7) ? member.homeHospital : rng.int(0, providers.hospitals.length - 1)];
  const day = visit.day;
  const level = edLevelCodes[visit.level - 1];
  const dx = [visit.reason.principal, ...visit.reason.secondary];
  for (const c of member.codes.chronic) if (rng.chance(0.5)) dx.push(c);
  for (const c of member.codes.other) if (rng.chance(0.2)) dx.push(c);
  const codes = uniqueCodes(dx, 10);
  const u = rng.uniform();
  const E = MODEL.ed;
  const claims: Claim[] = [];
  if (u < E.facilityAndPhysicianShare + E.facilityOnlyShare) {
    const f = hospital.priceFactor;
    const lines: Line[] = [institutionalLine(rng, day, day, rng.weighted(edRevenueCodes), level, 1, facilityFee[level] * f * rng.between(0.95, 1.05), 0.78)];
    for (const [rev, hcpcs] of visit.reason.ancillary) if (rng.chance(0.7)) lines.push(institutionalLine(rng, day, day, rev, hcpcs, 1, facilityFee[hcpcs] * f, 0.78));
    if (rng.chance(0.4)) lines.push(institutionalLine(rng, day, day, '0250', '', rng.int(1, 4), rng.between(15, 160), 0.78));
    if (rng.chance(0.03)) lines.push(institutionalLine(rng, day, day, '0981', level, 1, fee[level] * f, 0.78));
    claims.push(claim({ institutional: true, start: day, end: day, billType: '131', facility: hospital.npi, billing: hospital.npi, disposition: '01', dx: codes, lines, canReplace: true }));
  }
  if (u < E.facilityAndPhysicianShare || u >= E.facilityAndPhysicianShare + E.facilityOnlyShare) {
    claims.push(claim({
      institutional: false, start: day, end: day, pos: '23', rendering: rng.pick(hospital.edPhysicians), billing: hospital.edGroupNpi,
      facility: hospital.npi, dx: codes.slice(0, 6), lines: [professionalLine(rng, day, level, fee[level])],
    }));
  }
  if (outsideEvent) for (const c of claims) c.outsideEvent = true;
  return claims;
}

/** An office visit claim on `day`. */
export function officeVisitClaim(ctx: EpisodeContext, day: number): Claim {
  const { rng, member, providers } = ctx;
  const pcp = providers.pcps[member.pcp];
  const code = rng.weighted(officeVisitCodes);
  const lines = [professionalLine(rng, day, code, fee[code])];
  for (const [extra, share] of officeExtras) if (rng.chance(share)) lines.push(professionalLine(rng, day, extra, fee[extra]));
  const pos = rng.chance(0.05) ? '10' : '11';
  return claim({ institutional: false, start: day, end: day, pos, rendering: pcp.npi, billing: pcp.groupNpi, dx: visitDiagnoses(ctx), lines });
}

/** An annual wellness visit on `day`. */
export function wellnessClaim(ctx: EpisodeContext, day: number, first: boolean): Claim {
  const { rng, member, providers } = ctx;
  const pcp = providers.pcps[member.pcp];
  const code = first ? 'G0438' : 'G0439';
  const dx = uniqueCodes([rng.weighted(wellnessDiagnoses), ...member.codes.chronic.filter(() => rng.chance(0.5))]);
  return claim({ institutional: false, start: day, end: day, pos: '11', rendering: pcp.npi, billing: pcp.groupNpi, dx, lines: [professionalLine(rng, day, code, fee[code])] });
}

/** An independent lab claim on `day`. */
export function labClaim(ctx: EpisodeContext, day: number): Claim {
  const { rng, providers } = ctx;
  const lab = rng.pick(providers.labs);
  const lines = rng.weighted(labPanels).map((code) => professionalLine(rng, day, code, fee[code]));
  return claim({ institutional: false, start: day, end: day, pos: '81', billing: lab, dx: visitDiagnoses(ctx, 0.5).slice(0, 4), lines });
}

/** A monthly chronic care management claim on `day`. */
export function ccmClaim(ctx: EpisodeContext, day: number, practiceNpi: string, complex: boolean): Claim {
  const { rng, member, providers } = ctx;
  const pcp = providers.pcps[member.pcp];
  const lines = complex ? [professionalLine(rng, day, '99487', fee['99487'])] : [professionalLine(rng, day, '99490', fee['99490'])];
  if (!complex && rng.chance(0.3)) lines.push(professionalLine(rng, day, '99439', fee['99439'], rng.int(1, 2)));
  const dx = uniqueCodes([...member.codes.chronic, ...member.codes.other.slice(0, 2)], 12);
  return claim({ institutional: false, start: day, end: day, pos: '11', rendering: pcp.npi, billing: practiceNpi, dx, lines });
}
