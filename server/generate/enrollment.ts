/**
 * Case-finding the way programs do it: each month of the enrolment window the program
 * considers every eligible target-population member, more likely after a recent
 * discharge, with repeated ED use, prior admissions, more conditions and heart failure.
 * The decision reads only the no-program history before the month starts, which both
 * worlds share, so enrolment is the same with and without the program effect — and the
 * selection on recent high use builds in regression to the mean.
 */
import type { Calendar } from './calendar.ts';
import { MODEL } from './model.ts';
import type { Providers } from './providers.ts';
import { Rng, Stream } from './rng.ts';
import type { Enrollment, Member, World } from './types.ts';

const P = MODEL.program;

/** Weight of each period month for enrolment: the middle third mostly, a little either side. */
export function enrollmentMonthWeights(months: number): Float64Array {
  const w = new Float64Array(months);
  if (months < 3) return w.fill(1);
  const lo = Math.floor(months / 3);
  const hi = Math.floor((2 * months) / 3);
  const edge = Math.max(1, Math.floor(months / 6));
  for (let m = 0; m < months; m++) w[m] = m >= lo && m < hi ? 1 : m >= lo - edge && m < hi + edge ? P.edgeMonthWeight : 0;
  return w;
}

/** Decides whether and when `member` is enrolled, from the no-program world `w0`. */
export function decideEnrollment(member: Member, w0: World, seed: number, cal: Calendar, weights: Float64Array, providers: Providers): Enrollment | null {
  if (member.targetCount === 0) return null;
  const rng = Rng.of(seed, member.index, Stream.program);
  for (let m = 0; m < cal.months; m++) {
    if (weights[m] === 0) continue;
    const u = rng.uniform();
    const s = cal.monthStart[m];
    if (!member.eligibleMonths[m] || w0.deathDay < s) continue;
    const h = historyBefore(w0, s);
    const c = member.conditions;
    const score = (h.recentDischarge ? P.recentDischargeFactor : 1) * (1 + P.perPriorAdmission * h.admissionsYear) *
      (h.edHalfYear >= 2 ? P.edTwoPlusFactor : h.edHalfYear === 1 ? P.edOneFactor : 1) *
      (0.4 + 0.3 * member.targetCount) * (c.copd || c.ckd ? 1.2 : 1) * (c.hf ? P.heartFailureFactor : 1);
    if (u >= Math.min(0.6, P.base * weights[m] * score)) continue;

    const start = s + rng.int(0, Math.min(27, cal.monthEnd[m] - s));
    if (start > w0.deathDay) return null;
    const heartFailureTrack = c.hf && (h.recentHeartFailure || rng.chance(0.35));
    const program = heartFailureTrack ? 'Heart Failure Transitions' : 'Complex Care';
    const acuity = h.recentDischarge && member.targetCount >= 2 ? 'high' : h.admissionsYear >= 1 || h.edHalfYear >= 2 ? 'moderate' : 'low';
    const managers = providers.caseManagersOf[program];
    let pickAt = rng.uniform() * managers.reduce((sum, i) => sum + providers.caseManagers[i].weight, 0);
    let caseManager = managers[managers.length - 1];
    for (const i of managers) {
      pickAt -= providers.caseManagers[i].weight;
      if (pickAt < 0) {
        caseManager = i;
        break;
      }
    }
    const disenrolDay = rng.chance(P.disenrolShare) ? start + rng.int(60, 420) : Infinity;
    const runEnd = eligibleRunEnd(member, cal, m);
    const plannedEnd = Math.min(disenrolDay, runEnd, cal.days - 1);
    return { program, start, plannedEnd, disenrolled: disenrolDay <= plannedEnd, caseManager, acuity };
  }
  return null;
}

function historyBefore(w: World, s: number) {
  let recentDischarge = false;
  let recentHeartFailure = false;
  let admissionsYear = 0;
  let edHalfYear = 0;
  for (const e of w.episodes) {
    if (e.admit >= s) break;
    if (e.discharge < s && e.discharge >= s - P.recentDischargeDays) {
      recentDischarge = true;
      if (e.reason.key === 'heart_failure') recentHeartFailure = true;
    }
    if (e.admit >= s - 365) admissionsYear++;
    if (e.viaEd !== null && e.edDay >= s - 182) edHalfYear++;
  }
  for (const v of w.edVisits) {
    if (v.day >= s) break;
    if (v.day >= s - 182) edHalfYear++;
  }
  return { recentDischarge, recentHeartFailure, admissionsYear, edHalfYear };
}

function eligibleRunEnd(member: Member, cal: Calendar, month: number): number {
  let m = month;
  while (m + 1 < cal.months && member.eligibleMonths[m + 1]) m++;
  return cal.monthEnd[m];
}
