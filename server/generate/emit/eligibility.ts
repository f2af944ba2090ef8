/**
 * A member's eligibility as the payer records it once their history is known: spans of
 * consecutive months on one plan, ending at death (the death date on every row), blank
 * end for a span still open at the end of the data. Also the program enrolment row.
 */
import type { Calendar } from '../calendar.ts';
import type { CsvFile } from '../csv.ts';
import { MODEL } from '../model.ts';
import type { Providers } from '../providers.ts';
import type { Enrollment, Member } from '../types.ts';

export const DATA_SOURCE = 'synthetic';

export interface Eligibility {
  months: Uint8Array;
  /** Recorded death day, or Infinity. */
  deathDay: number;
  memberMonths: number;
  isEligible(day: number): boolean;
  /** Plan of a day (the nearest eligible month's plan outside eligibility). */
  planOf(day: number): string;
}

/** Final eligibility of `member` given the death day of the written world. */
export function finalEligibility(member: Member, cal: Calendar, deathDay: number): Eligibility {
  const months = member.eligibleMonths.slice();
  let recordedDeath = Infinity;
  if (Number.isFinite(deathDay) && deathDay < cal.days) {
    const dm = cal.monthOf(deathDay);
    let later = false;
    for (let m = dm; m < cal.months; m++) if (months[m]) later = true;
    if (later) {
      recordedDeath = deathDay;
      months.fill(0, dm + 1);
    }
  }
  let memberMonths = 0;
  for (const x of months) memberMonths += x;
  const plans = MODEL.eligibility.plans;
  let lastPlan = plans[member.planOfMonth[member.eligibleMonths.indexOf(1)]];
  return {
    months,
    deathDay: recordedDeath,
    memberMonths,
    isEligible: (day) => {
      const m = cal.monthOf(day);
      return m >= 0 && months[m] === 1 && day <= recordedDeath;
    },
    planOf: (day) => {
      const m = cal.monthOf(day);
      if (m >= 0) lastPlan = plans[member.planOfMonth[m]];
      return lastPlan;
    },
  };
}

/** Writes the eligibility spans of `member`; returns the number of rows. */
export function writeEligibility(out: CsvFile, member: Member, cal: Calendar, elig: Eligibility): number {
  const E = MODEL.eligibility;
  const death = Number.isFinite(elig.deathDay) ? cal.iso(elig.deathDay) : '';
  let rows = 0;
  let m = 0;
  while (m < cal.months) {
    if (!elig.months[m]) {
      m++;
      continue;
    }
    const plan = member.planOfMonth[m];
    let last = m;
    while (last + 1 < cal.months && elig.months[last + 1] && member.planOfMonth[last + 1] === plan) last++;
    const endDay = Math.min(cal.monthEnd[last], elig.deathDay);
    const open = last === cal.months - 1 && !Number.isFinite(elig.deathDay);
    out.values([
      member.personId, member.memberId, member.gender, member.race, member.birthDate, death,
      cal.iso(cal.monthStart[m]), open ? '' : cal.iso(endDay), E.payer, E.payerType, E.plans[plan], DATA_SOURCE,
    ]);
    rows++;
    m = last + 1;
  }
  return rows;
}

/** Last day of the enrolment as written (null = still open). */
export function enrollmentEndDay(enrollment: Enrollment, cal: Calendar, elig: Eligibility): number | null {
  const end = Math.min(enrollment.plannedEnd, elig.deathDay);
  return end >= cal.days - 1 && !Number.isFinite(elig.deathDay) ? null : end;
}

/** Writes the program enrolment row of `member`. */
export function writeEnrollment(out: CsvFile, member: Member, enrollment: Enrollment, cal: Calendar, elig: Eligibility, providers: Providers): void {
  const end = enrollmentEndDay(enrollment, cal, elig);
  const manager = providers.caseManagers[enrollment.caseManager];
  out.values([member.personId, enrollment.program, cal.iso(enrollment.start), end === null ? '' : cal.iso(end), manager.id, manager.name, enrollment.acuity]);
}
