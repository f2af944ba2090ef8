/**
 * Care after a discharge: a skilled nursing facility claim (bill type 211, not acute
 * inpatient) after discharge to a SNF (disposition 03), and transitional care management
 * (99495 within 14 days, 99496 within 7) after some discharges home — more often when the
 * member is in a case-management program.
 */
import { fee, snfPrincipalOf, snfSecondary, snfTherapy } from '../codes/services.ts';
import { MODEL } from '../model.ts';
import type { Episode } from '../types.ts';
import { type Claim, claim, institutionalLine, professionalLine, uniqueCodes } from './claim.ts';
import type { EpisodeContext } from './hospital.ts';

const SNF_DAILY = 560;

/** Principal diagnosis of the SNF stay that follows an episode. */
function snfPrincipal(ep: Episode): string {
  return snfPrincipalOf[ep.principal] ?? snfPrincipalOf[ep.reason.key] ?? ep.principal;
}

/** The SNF claim after `ep`, ending before the next admission, death or the end of data. */
export function snfClaim(ctx: EpisodeContext, ep: Episode, nextAdmit: number, deathDay: number): Claim | null {
  const { rng, providers, cal, member } = ctx;
  const start = ep.discharge;
  const planned = start + rng.int(7, 35);
  const readmitted = nextAdmit <= planned;
  const end = Math.min(planned, nextAdmit - 1, deathDay, cal.days - 1);
  if (end <= start) return null;
  const npi = providers.snfs[member.homeHospital % providers.snfs.length];
  const days = end - start;
  const stillThere = end === cal.days - 1 && planned > end;
  const disposition = end === deathDay ? '20' : readmitted ? '02' : stillThere ? '30' : rng.chance(0.6) ? '01' : '06';
  const lines = [
    institutionalLine(rng, start, end, '0120', '', days, SNF_DAILY * days * 0.7, 0.95),
    institutionalLine(rng, start, end, snfTherapy[0][0], snfTherapy[0][1], rng.int(5, 20), SNF_DAILY * days * 0.18, 0.95),
    institutionalLine(rng, start, end, snfTherapy[1][0], snfTherapy[1][1], rng.int(3, 12), SNF_DAILY * days * 0.12, 0.95),
  ];
  const dx = uniqueCodes([snfPrincipal(ep), snfSecondary, ...member.codes.chronic, ...member.codes.other.slice(0, 4)]);
  return claim({
    institutional: true, start, end, admission: start, discharge: stillThere ? null : end, admitSource: '4', admitType: '3',
    disposition, billType: stillThere ? '212' : '211', facility: npi, billing: npi, dx, lines,
  });
}

/** A transitional care management claim after `ep`, or null. */
export function tcmClaim(ctx: EpisodeContext, ep: Episode, enrolledAtDischarge: boolean, nextAdmit: number, deathDay: number): Claim | null {
  const { rng, providers, cal, member } = ctx;
  const disposition = ep.stays[ep.stays.length - 1].disposition;
  if (ep.died || (disposition !== '01' && disposition !== '06')) return null;
  const P = MODEL.program;
  if (!rng.chance(enrolledAtDischarge ? P.tcmShareEnrolled : P.tcmShareOther)) return null;
  const high = ep.severity === 0 || rng.chance(0.4);
  const code = high ? '99496' : '99495';
  const day = ep.discharge + (high ? rng.int(2, 7) : rng.int(7, 14));
  if (day >= nextAdmit || day > deathDay || day >= cal.days) return null;
  const pcp = providers.pcps[member.pcp];
  return claim({
    institutional: false, start: day, end: day, pos: '11', rendering: pcp.npi, billing: pcp.groupNpi,
    dx: uniqueCodes([ep.principal, ...member.codes.chronic]), lines: [professionalLine(rng, day, code, fee[code])],
  });
}
