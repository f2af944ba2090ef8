/**
 * Everything one member contributes to the extract: eligibility rows, the program row,
 * and the claims of the written world — events inside eligibility, a few injected outside
 * it (messiness), routine outpatient care, CCM while enrolled, post-acute care.
 */
import type { Calendar } from '../calendar.ts';
import type { CsvFile } from '../csv.ts';
import { MODEL } from '../model.ts';
import type { Providers } from '../providers.ts';
import { Rng, Stream } from '../rng.ts';
import type { Enrollment, Member, World } from '../types.ts';
import { anchorDay, type Claim } from './claim.ts';
import { enrollmentEndDay, type Eligibility, finalEligibility, writeEligibility, writeEnrollment } from './eligibility.ts';
import { episodeClaims, type EpisodeContext } from './hospital.ts';
import { ccmClaim, edVisitClaims, labClaim, officeVisitClaim, wellnessClaim } from './outpatient.ts';
import { snfClaim, tcmClaim } from './postacute.ts';
import type { ClaimRenderer } from './render.ts';

export interface Outputs {
  eligibility: CsvFile;
  enrollment: CsvFile;
  renderer: ClaimRenderer;
}

export interface MemberResult {
  elig: Eligibility;
  /** Episodes and ED visits written inside eligibility, and those injected outside it. */
  observedEpisodes: World['episodes'];
  observedEdVisits: World['edVisits'];
  injectedEpisodes: World['episodes'];
  outsideAdmissions: number;
  outsideEdVisits: number;
  claims: number;
  enrollmentEnd: number | null;
}

/** Writes `member`'s rows for `world` (with `enrollment`, if any). */
export function emitMember(member: Member, world: World, enrollment: Enrollment | null, cal: Calendar, providers: Providers, seed: number, mess: boolean, out: Outputs): MemberResult {
  const elig = finalEligibility(member, cal, world.deathDay);
  writeEligibility(out.eligibility, member, cal, elig);
  const enrollmentEnd = enrollment ? enrollmentEndDay(enrollment, cal, elig) : null;
  if (enrollment) writeEnrollment(out.enrollment, member, enrollment, cal, elig, providers);

  const contextOf = (stream: number): EpisodeContext => ({ cal, providers, rng: Rng.of(seed, member.index, stream), member });
  const ctx = contextOf(Stream.episodeClaims);
  const edCtx = contextOf(Stream.edClaims);
  const messRng = mess ? Rng.of(seed, member.index, Stream.messRender) : null;
  const injectRng = mess ? Rng.of(seed, member.index, Stream.messInjection) : null;
  const enrolledOn = (day: number) => enrollment !== null && day >= enrollment.start && day <= (enrollmentEnd ?? cal.days - 1);
  const claims: Claim[] = [];
  const observedEpisodes: World['episodes'] = [];
  const observedEdVisits: World['edVisits'] = [];
  const injectedEpisodes: World['episodes'] = [];
  let outsideEdVisits = 0;
  const injectOutside = () => injectRng !== null && injectRng.chance(MODEL.mess.eventOutsideEligibility);

  const eps = world.episodes;
  eps.forEach((ep, i) => {
    const observed = elig.isEligible(ep.admit);
    const injected = !observed && injectOutside();
    if (!observed && !injected) return;
    if (observed) observedEpisodes.push(ep);
    else {
      injectedEpisodes.push(ep);
      if (ep.viaEd !== null) outsideEdVisits++;
    }
    const edDay = observed && !elig.isEligible(ep.edDay) ? ep.admit : ep.edDay;
    claims.push(...episodeClaims(ctx, ep, injected, edDay));
    const nextAdmit = i + 1 < eps.length ? eps[i + 1].admit : Infinity;
    const last = ep.stays[ep.stays.length - 1];
    if (last.disposition === '03') {
      const snf = snfClaim(ctx, ep, nextAdmit, world.deathDay);
      if (snf) claims.push(snf);
    }
    const tcm = tcmClaim(ctx, ep, enrolledOn(ep.discharge), nextAdmit, world.deathDay);
    if (tcm) claims.push(tcm);
  });
  for (const visit of world.edVisits) {
    const observed = elig.isEligible(visit.day);
    const injected = !observed && injectOutside();
    if (!observed && !injected) continue;
    if (observed) observedEdVisits.push(visit);
    else outsideEdVisits++;
    claims.push(...edVisitClaims(edCtx, visit, injected));
  }
  routineCare(contextOf, world, elig, claims);
  if (enrollment) chronicCareManagement(contextOf(Stream.careManagement), enrollment, enrollmentEnd, elig, claims);

  const kept = claims.filter((c) => c.start >= 0 && c.start < cal.days && (c.outsideEvent || elig.isEligible(anchorDay(c))));
  for (const c of kept) if (c.end >= cal.days) cutAtEndOfData(c, cal.days - 1);
  kept.sort((a, b) => a.start - b.start);
  const written = out.renderer.write(member, kept, elig, messRng);
  return { elig, observedEpisodes, observedEdVisits, injectedEpisodes, outsideAdmissions: injectedEpisodes.length, outsideEdVisits, claims: written, enrollmentEnd };
}

/** A stay still open at the end of the data becomes an interim claim through the last day. */
function cutAtEndOfData(c: Claim, lastDay: number): void {
  c.end = lastDay;
  for (const line of c.lines) {
    line.start = Math.min(line.start, lastDay);
    line.end = Math.min(line.end, lastDay);
  }
  if (!c.institutional) return;
  c.discharge = null;
  c.disposition = '30';
  if (c.billType === '111') c.billType = '112';
  else if (c.billType === '114') c.billType = '113';
  else if (c.billType === '211') c.billType = '212';
}

function inStay(world: World, day: number): boolean {
  for (const ep of world.episodes) if (day >= ep.admit && day <= ep.discharge) return true;
  return false;
}

/** Office visits, labs and wellness visits, each from its own stream so earlier claims never depend on later events. */
function routineCare(contextOf: (stream: number) => EpisodeContext, world: World, elig: Eligibility, claims: Claim[]): void {
  const office = contextOf(Stream.officeVisits);
  const { member, cal } = office;
  const O = MODEL.outpatient;
  const last = Math.min(cal.days - 1, world.deathDay);
  const usable = (day: number) => day <= last && elig.isEligible(day) && !inStay(world, day);
  const poissonDays = (ctx: EpisodeContext, perYear: number, make: (day: number) => Claim) => {
    const { rng } = ctx;
    for (let day = member.firstDay + Math.floor((rng.exponential() * 365.25) / perYear); day <= last; day += 1 + Math.floor((rng.exponential() * 365.25) / perYear)) {
      if (usable(day)) claims.push(make(day));
    }
  };
  poissonDays(office, member.officeRate, (day) => officeVisitClaim(office, day));
  const labs = contextOf(Stream.labs);
  poissonDays(labs, member.targetCount > 0 ? O.labsPerYearChronic : O.labsPerYearOther, (day) => labClaim(labs, day));
  const wellness = contextOf(Stream.wellness);
  const rng = wellness.rng;
  let first = rng.chance(0.1);
  for (let m = 0; m < cal.months; m++) {
    if (cal.monthOfYear[m] !== 0 && m !== 0) continue;
    if (!rng.chance(O.wellnessShare)) continue;
    const day = cal.monthStart[m] + rng.int(0, 364);
    if (!usable(day)) continue;
    claims.push(wellnessClaim(wellness, day, first));
    first = false;
  }
}

function chronicCareManagement(ctx: EpisodeContext, enrollment: Enrollment, end: number | null, elig: Eligibility, claims: Claim[]): void {
  const { rng, cal, providers } = ctx;
  const last = Math.min(end ?? cal.days - 1, elig.deathDay, cal.days - 1);
  const practice = providers.programPractice[enrollment.program];
  for (let m = cal.monthOf(enrollment.start); m >= 0 && m < cal.months && cal.monthStart[m] <= last; m++) {
    if (!rng.chance(MODEL.program.ccmMonthlyShare)) continue;
    const day = Math.min(Math.max(enrollment.start, cal.monthStart[m] + rng.int(14, 27)), cal.monthEnd[m], last);
    if (!elig.isEligible(day)) continue;
    const complex = enrollment.acuity === 'high' && rng.chance(0.6);
    claims.push(ccmClaim(ctx, day, practice, complex));
  }
}
