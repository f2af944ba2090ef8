/**
 * Simulates one world of a member: acute admissions (unplanned and planned) and
 * treat-and-release ED visits, day by day by the time-rescaling method — each process
 * draws an Exp(1) threshold and fires on the day its cumulative hazard crosses it. The
 * program effect multiplies every hazard by `multiplier` on the days of its window, so
 * replaying the same streams with and without it gives an exactly coupled counterfactual:
 * both worlds agree before the window, and inside it the hazards differ by exactly that
 * factor.
 */
import type { Calendar } from './calendar.ts';
import { electiveReasonsOf, plannedReasons, unplannedReasons } from './codes/admissions.ts';
import { edReasons } from './codes/ed.ts';
import type { AdmissionReason, EdReason } from './codes/types.ts';
import { buildEpisode } from './episode.ts';
import { MODEL } from './model.ts';
import type { Providers } from './providers.ts';
import { Rng, Stream, weighted, type Weighted } from './rng.ts';
import type { EdVisit, Episode, Member, World } from './types.ts';

export interface EffectWindow {
  from: number;
  to: number;
  multiplier: number;
}

export interface SimulationContext {
  seed: number;
  calendar: Calendar;
  providers: Providers;
  /** Seasonal factor of each period month. */
  seasonal: Float64Array;
}

const A = MODEL.admissions;
const PL = MODEL.planned;
const DAYS_PER_YEAR = 365.25;
const STAGED = new Set(['myocardial_infarction', 'chest_pain']);
const ONCE = new Set(['hip_replacement', 'knee_replacement', 'valve_repair']);
/** Reference admission rate per day for scaling the post-discharge excess. */
const REFERENCE_RATE = 0.27 / DAYS_PER_YEAR;

/** Simulates `member`'s admissions and ED visits, with the program effect applied in `effect` (null: no program). */
export function simulateWorld(member: Member, ctx: SimulationContext, effect: EffectWindow | null): World {
  const episodes = simulateAdmissions(member, ctx, effect);
  let deathDay = member.naturalDeathDay;
  for (const e of episodes) if (e.died) deathDay = Math.min(deathDay, e.discharge);
  const edVisits = simulateEdVisits(member, ctx, effect, episodes, deathDay);
  return { episodes, edVisits, deathDay };
}

function simulateAdmissions(member: Member, ctx: SimulationContext, effect: EffectWindow | null): Episode[] {
  const thresholds = Rng.of(ctx.seed, member.index, Stream.admissionThresholds);
  const details = Rng.of(ctx.seed, member.index, Stream.admissionDetails);
  const cal = ctx.calendar;
  const unplannedTable = reasonTable(unplannedReasons, member);
  const electives = electiveReasonsOf(member.conditions).map((reason) => ({ reason, rate: PL.electivePerYear[reason.key as keyof typeof PL.electivePerYear] / DAYS_PER_YEAR }));
  let electiveRate = member.plannedRate;
  const chemoRate = PL.chemotherapyPerYear / DAYS_PER_YEAR;
  const excessScale = A.readmissionExcess * Math.min(3, Math.sqrt(member.admissionRate / REFERENCE_RATE));

  const episodes: Episode[] = [];
  let unplannedThreshold = thresholds.exponential();
  let plannedThreshold = thresholds.exponential();
  let unplannedHazard = 0;
  let plannedHazard = 0;
  let lastDischarge = -Infinity;
  let stagedFrom = Infinity;
  let stagedTo = -Infinity;
  let deathDay = member.naturalDeathDay;
  for (let day = member.firstDay; day < cal.days && day <= deathDay; day++) {
    if (day < lastDischarge + A.minimumGapDays) continue;
    const m = effect !== null && day >= effect.from && day <= effect.to ? effect.multiplier : 1;
    const since = day - lastDischarge;
    const excess = since < 150 ? excessScale * Math.exp(-since / A.readmissionDecayDays) : 0;
    unplannedHazard += (member.admissionRate * ctx.seasonal[cal.monthOf(day)] + excess) * m;
    const inChemo = member.chemoWindow !== null && day >= member.chemoWindow[0] && day <= member.chemoWindow[1];
    const staged = day >= stagedFrom && day <= stagedTo ? PL.stagedInterventionPerDay : 0;
    plannedHazard += (electiveRate * (since < 30 ? PL.afterDischargeDamping : 1) + (inChemo ? chemoRate : 0) + staged) * m;

    let reason: AdmissionReason | null = null;
    if (unplannedHazard >= unplannedThreshold) {
      reason = details.weighted(unplannedTable);
      unplannedHazard = 0;
      unplannedThreshold = thresholds.exponential();
    } else if (plannedHazard >= plannedThreshold) {
      plannedHazard = 0;
      plannedThreshold = thresholds.exponential();
      reason = pickPlanned(details, staged, inChemo ? chemoRate : 0, electives);
    }
    if (reason === null) continue;
    const episode = buildEpisode(member, reason, day, details, ctx.providers);
    episodes.push(episode);
    lastDischarge = episode.discharge;
    day = episode.discharge;
    if (episode.died) deathDay = episode.discharge;
    if (STAGED.has(reason.key) && member.conditions.ihd && episode.procedure === null && details.chance(PL.stagedInterventionShare)) {
      stagedFrom = episode.discharge + 5;
      stagedTo = episode.discharge + 40;
    } else if (reason.key === 'coronary_intervention') {
      stagedTo = -Infinity;
    }
    if (ONCE.has(reason.key)) {
      const done = electives.find((e) => e.reason.key === reason.key);
      if (done && done.rate > 0) {
        electiveRate -= done.rate;
        done.rate = 0;
      }
    }
  }
  return episodes;
}

function pickPlanned(rng: Rng, staged: number, chemo: number, electives: { reason: AdmissionReason; rate: number }[]): AdmissionReason {
  const electiveTotal = electives.reduce((s, e) => s + e.rate, 0);
  let u = rng.uniform() * (staged + chemo + electiveTotal);
  if (u < staged) return plannedReasons.coronaryIntervention;
  u -= staged;
  if (u < chemo) return plannedReasons.chemotherapy;
  u -= chemo;
  for (const e of electives) {
    if (u < e.rate) return e.reason;
    u -= e.rate;
  }
  return electives.find((e) => e.rate > 0)?.reason ?? plannedReasons.chemotherapy;
}

function reasonTable<T extends { frequency(c: Member['conditions']): number }>(reasons: readonly T[], member: Member): Weighted<T> {
  return weighted(reasons.map((r) => [r, r.frequency(member.conditions)] as const).filter(([, w]) => w > 0));
}

function simulateEdVisits(member: Member, ctx: SimulationContext, effect: EffectWindow | null, episodes: Episode[], deathDay: number): EdVisit[] {
  const rng = Rng.of(ctx.seed, member.index, Stream.ed);
  const cal = ctx.calendar;
  const table: Weighted<EdReason> = reasonTable(edReasons, member);
  const excessScale = MODEL.ed.postDischargeExcess;
  const visits: EdVisit[] = [];
  let threshold = rng.exponential();
  let hazard = 0;
  let next = 0;
  let lastDischarge = -Infinity;
  const last = Math.min(cal.days - 1, deathDay);
  for (let day = member.firstDay; day <= last; day++) {
    while (next < episodes.length && day > episodes[next].discharge) lastDischarge = episodes[next++].discharge;
    if (next < episodes.length && day >= Math.min(episodes[next].edDay, episodes[next].admit - 1)) continue;
    const m = effect !== null && day >= effect.from && day <= effect.to ? effect.multiplier : 1;
    const since = day - lastDischarge;
    const excess = since < 90 ? excessScale * Math.exp(-since / 20) : 0;
    hazard += (member.edRate * ctx.seasonal[cal.monthOf(day)] + excess) * m;
    if (hazard < threshold) continue;
    hazard = 0;
    threshold = rng.exponential();
    const reason = rng.weighted(table);
    visits.push({ day, reason, level: rng.weighted(reason.levels) });
  }
  return visits;
}
