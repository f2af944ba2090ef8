/**
 * One synthetic member before any event: demographics, chronic conditions (with their
 * co-occurrence), the codes their coders use, frailty, baseline hazards, payer-side
 * eligibility (joins, leaves, gaps, plan switches) and the out-of-hospital death date.
 */
import type { Calendar } from './calendar.ts';
import { afibCodes, afibCompanion, cancerCodes, ckdCodes, comorbidities, copdCodes, dementiaCodes, depressionCodes, diabetesCodes, diabetesCompanions, heartFailureAcuteOf, heartFailureChronicCodes, hypertensionCodes, hypertensionHeartFailureCodes, ihdCompanions, ischemicHeartDiseaseCodes } from './codes/conditions.ts';
import { ageBand, MODEL } from './model.ts';
import type { Providers } from './providers.ts';
import { Rng, Stream, weighted } from './rng.ts';
import type { Conditions, Member, MemberCodes } from './types.ts';

const DAYS_PER_YEAR = 365.25;
const raceTable = weighted(MODEL.population.race);

export interface PopulationContext {
  seed: number;
  members: number;
  calendar: Calendar;
  providers: Providers;
  idWidth: number;
}

/** Builds member `index` (0-based) from its own random stream. */
export function createMember(ctx: PopulationContext, index: number): Member {
  const rng = Rng.of(ctx.seed, index, Stream.person);
  const P = MODEL.population;
  const under65 = rng.chance(P.under65Share);
  const age = under65 ? 64 - Math.floor(40 * Math.pow(rng.uniform(), 1.6)) : ageIn65Bands(rng);
  const band = ageBand(age);
  const female = rng.chance(under65 ? P.femaleShareUnder65 : P.femaleShare65);
  const conditions = drawConditions(rng, band, female);
  const codes = drawCodes(rng, conditions);
  const frailty = rng.gamma(MODEL.frailtyShape, 1);
  const targetCount = +conditions.htn + +conditions.dm + +conditions.ihd + +conditions.hf;

  const A = MODEL.admissions;
  const af = A.conditionFactor;
  const c = conditions;
  const admissionPerYear = A.base * A.ageFactor[band] * frailty *
    (c.hf ? af.hf : 1) * (c.ihd ? af.ihd : 1) * (c.dm ? af.dm : 1) * (c.htn ? af.htn : 1) *
    (c.copd ? af.copd : 1) * (c.ckd ? af.ckd : 1) * (c.cancer ? af.cancer : 1) * (c.dementia ? af.dementia : 1);
  const E = MODEL.ed;
  const ef = E.conditionFactor;
  const edPerYear = E.base * E.ageFactor[band] * Math.pow(frailty, E.frailtyPower) * rng.gamma(E.propensityShape, 1) *
    (c.hf ? ef.hf : 1) * (c.ihd ? ef.ihd : 1) * (c.dm ? ef.dm : 1) * (c.htn ? ef.htn : 1) *
    (c.copd ? ef.copd : 1) * (c.dementia ? ef.dementia : 1) * (c.depression ? ef.depression : 1);
  const planned = MODEL.planned;
  const electivePerYear = (c.hipOa ? planned.electivePerYear.hip_replacement : 0) + (c.kneeOa ? planned.electivePerYear.knee_replacement : 0) +
    (c.ihd ? planned.electivePerYear.coronary_intervention : 0) + (c.mitral ? planned.electivePerYear.valve_repair : 0) +
    (c.bladder ? planned.electivePerYear.bladder_fulguration : 0) + (c.ureter ? planned.electivePerYear.ureter_excision : 0);

  const cal = ctx.calendar;
  const { eligibleMonths, planOfMonth, firstMonth } = drawEligibility(rng, cal, under65, c);
  const firstDay = cal.monthStart[firstMonth];
  let chemoWindow: [number, number] | null = null;
  if (c.cancer && rng.chance(planned.chemotherapyShareOfCancer)) {
    const from = rng.int(firstDay - 90, cal.days - 30);
    chemoWindow = [from, from + rng.int(120, 240)];
  }
  const M = MODEL.mortality;
  const mf = M.conditionFactor;
  const deathPerYear = M.byAge[band] * Math.sqrt(frailty) * (c.hf ? mf.hf : 1) * (c.dementia ? mf.dementia : 1) *
    (c.cancer ? mf.cancer : 1) * (c.copd ? mf.copd : 1) * (c.ckd ? mf.ckd : 1);
  const deathAfter = Math.floor((rng.exponential() / deathPerYear) * DAYS_PER_YEAR);
  const naturalDeathDay = firstDay + deathAfter < cal.days ? firstDay + deathAfter : Infinity;

  const O = MODEL.outpatient;
  const birthOffset = Math.floor(age * DAYS_PER_YEAR) + rng.int(0, 364);
  const birthDate = new Date(Date.parse(`${cal.start}T00:00:00Z`) - birthOffset * 86_400_000).toISOString().slice(0, 10);
  const number = index + 1;
  return {
    index,
    personId: `P${String(number).padStart(ctx.idWidth, '0')}`,
    memberId: `M${String((number * 7919) % 1_000_000_000).padStart(9, '0')}`,
    gender: female ? 'female' : 'male',
    race: rng.weighted(raceTable),
    birthDate,
    ageAtStart: age,
    conditions,
    targetCount,
    codes,
    frailty,
    admissionRate: admissionPerYear / DAYS_PER_YEAR,
    edRate: edPerYear / DAYS_PER_YEAR,
    plannedRate: electivePerYear / DAYS_PER_YEAR,
    chemoWindow,
    officeRate: O.officeBase + O.officePerCondition * targetCount + (c.copd ? 0.5 : 0) + 0.3 * Math.min(frailty, 3),
    eligibleMonths,
    planOfMonth,
    firstDay,
    naturalDeathDay,
    hospitalMortality: (band === 3 ? 1.6 : band === 2 ? 1.2 : 1) * (c.hf ? 1.3 : 1) * (c.cancer ? 1.5 : 1),
    pcp: rng.int(0, ctx.providers.pcps.length - 1),
    homeHospital: rng.int(0, ctx.providers.hospitals.length - 1),
  };
}

function ageIn65Bands(rng: Rng): number {
  let u = rng.uniform();
  for (const [lo, hi, share] of MODEL.population.ageBands65) {
    if (u < share) return rng.int(lo, hi);
    u -= share;
  }
  return rng.int(85, 99);
}

function drawConditions(rng: Rng, band: 0 | 1 | 2 | 3, female: boolean): Conditions {
  const C = MODEL.conditions;
  const htn = rng.chance(C.hypertension.base * C.hypertension.ageFactor[band]);
  const dm = rng.chance(htn ? C.diabetes.withHypertension : C.diabetes.without);
  const I = C.ischemicHeartDisease;
  const ihd = rng.chance((I.base + (htn ? I.hypertension : 0) + (dm ? I.diabetes : 0)) * (female ? I.female : I.male) * I.ageFactor[band]);
  const H = C.heartFailure;
  const hf = rng.chance((H.base + (htn ? H.hypertension : 0) + (ihd ? H.ischemicHeartDisease : 0) + (dm ? H.diabetes : 0)) * H.ageFactor[band]);
  return {
    htn, dm, ihd, hf,
    copd: rng.chance(C.copd * (hf ? 1.3 : 1)),
    afib: rng.chance(C.afib * (band >= 2 ? 1.5 : 0.8) * (hf ? 2 : 1)),
    ckd: rng.chance(C.ckd + (dm ? 0.1 : 0) + (htn ? 0.06 : 0) + (hf ? 0.1 : 0)),
    dementia: rng.chance(C.dementiaByAge[band]),
    depression: rng.chance(C.depression * (band === 0 ? 2.5 : 1)),
    cancer: rng.chance(C.cancer),
    hipOa: rng.chance(C.hipOa),
    kneeOa: rng.chance(C.kneeOa),
    mitral: hf && rng.chance(C.mitralInHeartFailure),
    bladder: rng.chance(C.bladder),
    ureter: rng.chance(C.ureter),
  };
}

function drawCodes(rng: Rng, c: Conditions): MemberCodes {
  const chronic: string[] = [];
  const other: string[] = [];
  let hfAcute: string[] = [];
  if (c.hf) {
    const hfCode = rng.weighted(heartFailureChronicCodes);
    chronic.push(hfCode);
    hfAcute = [...heartFailureAcuteOf[hfCode]];
  }
  if (c.htn) {
    const htnCode = rng.weighted(c.hf ? hypertensionHeartFailureCodes : hypertensionCodes);
    chronic.push(htnCode);
    if (htnCode === 'I129' || htnCode === 'I130' || htnCode === 'I1310') c.ckd = true;
  }
  if (c.dm) {
    const first = rng.weighted(diabetesCodes);
    chronic.push(first);
    if (rng.chance(0.35)) {
      const second = rng.weighted(diabetesCodes);
      if (second !== first && second.slice(0, 3) === first.slice(0, 3)) chronic.push(second);
    }
    if (first === 'E1122' || first === 'E1121') c.ckd = true;
    chronic.push(first.startsWith('E10') || rng.chance(0.3) ? diabetesCompanions.insulin : diabetesCompanions.oral);
  }
  if (c.ihd) {
    chronic.push(rng.weighted(ischemicHeartDiseaseCodes));
    if (rng.chance(0.25)) chronic.push(rng.pick(ihdCompanions));
  }
  if (c.ckd) other.push(rng.weighted(ckdCodes));
  if (c.copd) other.push(rng.weighted(copdCodes));
  if (c.afib) {
    other.push(rng.weighted(afibCodes));
    if (rng.chance(0.7)) other.push(afibCompanion);
  }
  if (c.dementia) other.push(rng.weighted(dementiaCodes));
  if (c.depression) other.push(rng.weighted(depressionCodes));
  if (c.mitral) other.push('I340');
  for (const [code, share] of comorbidities) if (rng.chance(share)) other.push(code);
  if (c.hipOa) other.push(rng.chance(0.5) ? 'M1611' : 'M1612');
  if (c.kneeOa) other.push(rng.chance(0.5) ? 'M1711' : 'M1712');
  return { chronic, other, hfAcute, cancer: c.cancer ? rng.weighted(cancerCodes) : null };
}

function drawEligibility(rng: Rng, cal: Calendar, under65: boolean, c: Conditions) {
  const E = MODEL.eligibility;
  const months = cal.months;
  const eligibleMonths = new Uint8Array(months);
  const planOfMonth = new Uint8Array(months);
  const firstMonth = months > 1 && !rng.chance(E.presentAtStartShare) ? rng.int(1, months - 1) : 0;
  const leaveAfter = Math.ceil(rng.exponential() / (E.voluntaryLeavePerYear / 12));
  const endMonth = Math.min(months, firstMonth + Math.max(1, leaveAfter));
  eligibleMonths.fill(1, firstMonth, endMonth);
  if (endMonth - firstMonth >= 6 && rng.chance(E.gapShare)) {
    const gapStart = rng.int(firstMonth + 2, endMonth - 3);
    eligibleMonths.fill(0, gapStart, Math.min(endMonth - 1, gapStart + rng.int(1, 3)));
  }
  const chronic = c.dm || c.hf;
  const dual = rng.chance(under65 ? 0.55 : 0.12);
  let plan = dual ? 2 : chronic && rng.chance(0.12) ? 3 : rng.chance(0.6) ? 0 : 1;
  for (let m = 0; m < months; m++) {
    if (m > firstMonth && cal.monthOfYear[m] === 0 && rng.chance(E.planSwitchPerYear)) plan = plan === 0 ? 1 : plan === 1 ? 0 : rng.int(0, 1);
    planOfMonth[m] = plan;
  }
  return { eligibleMonths, planOfMonth, firstMonth };
}
