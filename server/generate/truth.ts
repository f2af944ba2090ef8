/**
 * Accumulates what the generator knows for truth.json: population, the events it wrote
 * (counted with the MEASURES.md rules the generator can apply to its own episodes),
 * enrolment, the realised counterfactual of the enrolled, and every injected messiness.
 */
import type { Calendar } from './calendar.ts';
import { type Eligibility, finalEligibility } from './emit/eligibility.ts';
import type { MemberResult } from './emit/member.ts';
import type { MessCounts } from './emit/render.ts';
import type { Providers } from './providers.ts';
import type { Enrollment, Member, World } from './types.ts';

const EXCLUDED_INDEX = new Set(['psychiatric', 'cancer', 'chemotherapy']);

export class TruthAccumulator {
  members = 0;
  memberMonths = 0;
  female = 0;
  under65 = 0;
  deaths = 0;
  membersWithCondition = { hypertension: 0, diabetes: 0, heart_failure: 0, ischemic_heart_disease: 0, any: 0 };
  events = {
    admissions: 0, planned_admissions: 0, transfers: 0, interim_stays: 0, deaths_in_hospital: 0, against_medical_advice: 0,
    bed_days: 0, ed_visits: 0, ed_treat_release: 0, ed_leading_to_admission: 0, index_stays: 0, readmissions: 0, planned_readmissions: 0,
  };
  outside = { admissions: 0, ed_visits: 0 };
  claims = 0;
  enrolled = 0;
  byProgram: Record<string, number> = {};
  byAcuity: Record<string, number> = {};
  disenrolled = 0;
  open = 0;
  perCaseManager: number[];
  counterfactual = { enrolled_member_days: 0, admissions_observed: 0, admissions_counterfactual: 0, ed_visits_observed: 0, ed_visits_counterfactual: 0 };

  constructor(private readonly cal: Calendar, private readonly providers: Providers) {
    this.perCaseManager = providers.caseManagers.map(() => 0);
  }

  /** Adds one member's results; `w0` is the no-program world when the member was enrolled. */
  add(member: Member, result: MemberResult, enrollment: Enrollment | null, written: World, w0: World | null): void {
    const cal = this.cal;
    this.members++;
    this.memberMonths += result.elig.memberMonths;
    if (member.gender === 'female') this.female++;
    if (member.ageAtStart < 65) this.under65++;
    if (Number.isFinite(result.elig.deathDay)) this.deaths++;
    const c = member.conditions;
    const mc = this.membersWithCondition;
    mc.hypertension += +c.htn;
    mc.diabetes += +c.dm;
    mc.heart_failure += +c.hf;
    mc.ischemic_heart_disease += +c.ihd;
    mc.any += +(member.targetCount > 0);
    this.claims += result.claims;
    this.outside.admissions += result.outsideAdmissions;
    this.outside.ed_visits += result.outsideEdVisits;

    const ev = this.events;
    const eps = result.observedEpisodes;
    for (const ep of eps) {
      ev.admissions++;
      ev.planned_admissions += +ep.planned;
      ev.transfers += +(ep.stays.length > 1);
      ev.interim_stays += ep.stays.filter((s) => s.discharge - s.admit > 14).length;
      ev.deaths_in_hospital += +ep.died;
      ev.against_medical_advice += +(ep.stays[ep.stays.length - 1].disposition === '07');
      ev.bed_days += Math.max(1, Math.min(ep.discharge, cal.days - 1) - ep.admit);
      if (ep.viaEd !== null) ev.ed_leading_to_admission++;
    }
    ev.ed_treat_release += result.observedEdVisits.length;
    ev.ed_visits = ev.ed_treat_release + ev.ed_leading_to_admission;
    this.countReadmissions(result);

    if (enrollment && w0) {
      this.enrolled++;
      this.byProgram[enrollment.program] = (this.byProgram[enrollment.program] ?? 0) + 1;
      this.byAcuity[enrollment.acuity] = (this.byAcuity[enrollment.acuity] ?? 0) + 1;
      this.perCaseManager[enrollment.caseManager]++;
      if (result.enrollmentEnd === null) this.open++;
      else if (enrollment.disenrolled && result.enrollmentEnd === enrollment.plannedEnd) this.disenrolled++;
      const to = enrollment.plannedEnd;
      const elig0 = finalEligibility(member, cal, w0.deathDay);
      const inWindow = (elig: Eligibility) => (d: number) => d >= enrollment.start && d <= to && elig.isEligible(d);
      const in1 = inWindow(result.elig);
      const in0 = inWindow(elig0);
      const cf = this.counterfactual;
      for (let d = enrollment.start; d <= to; d++) if (result.elig.isEligible(d)) cf.enrolled_member_days++;
      cf.admissions_observed += written.episodes.filter((e) => in1(e.admit)).length;
      cf.admissions_counterfactual += w0.episodes.filter((e) => in0(e.admit)).length;
      cf.ed_visits_observed += written.edVisits.filter((v) => in1(v.day)).length + written.episodes.filter((e) => e.viaEd && in1(e.admit)).length;
      cf.ed_visits_counterfactual += w0.edVisits.filter((v) => in0(v.day)).length + w0.episodes.filter((e) => e.viaEd && in0(e.admit)).length;
    }
  }

  private countReadmissions(result: MemberResult): void {
    const cal = this.cal;
    const dataThrough = cal.days - 1;
    const present = [...result.observedEpisodes, ...result.injectedEpisodes].sort((a, b) => a.admit - b.admit);
    for (const ep of result.observedEpisodes) {
      const last = ep.stays[ep.stays.length - 1];
      if (ep.discharge > dataThrough - 30 || ep.died || last.disposition === '07' || EXCLUDED_INDEX.has(ep.reason.key)) continue;
      if (!result.elig.months[cal.monthOf(ep.discharge)]) continue;
      this.events.index_stays++;
      const next = present.find((e) => e !== ep && e.admit >= ep.discharge && e.admit <= ep.discharge + 30);
      if (!next) continue;
      if (next.planned) this.events.planned_readmissions++;
      else this.events.readmissions++;
    }
  }

  /** The truth.json sections this accumulator owns. */
  summary(messCounts: MessCounts, mess: boolean) {
    const mm = this.memberMonths;
    const per1000 = (n: number) => (mm > 0 ? Math.round((12000 * n * 10) / mm) / 10 : null);
    const ev = this.events;
    const share = (n: number) => Math.round((1000 * n) / Math.max(1, this.members)) / 1000;
    const cf = this.counterfactual;
    return {
      population: {
        members: this.members, member_months: mm, female_share: share(this.female), under_65_share: share(this.under65),
        deaths: this.deaths,
        true_condition_prevalence: Object.fromEntries(Object.entries(this.membersWithCondition).map(([k, v]) => [k, share(v)])),
        target_population_true: this.membersWithCondition.any,
      },
      events: {
        ...ev,
        claims: this.claims,
        admissions_per_1000: per1000(ev.admissions),
        ed_visits_per_1000: per1000(ev.ed_visits),
        alos: ev.admissions > 0 ? Math.round((100 * ev.bed_days) / ev.admissions) / 100 : null,
        readmission_rate: ev.index_stays > 0 ? Math.round((1000 * ev.readmissions) / ev.index_stays) / 1000 : null,
        note: 'Counted by the generator over the whole data period on the episodes it wrote inside eligibility (MEASURES.md rules applied to its own episodes; readmissions exclude planned ones).',
      },
      enrollment: {
        enrolled_members: this.enrolled, enrolled_share_of_target_population: Math.round((1000 * this.enrolled) / Math.max(1, this.membersWithCondition.any)) / 1000,
        by_program: this.byProgram, by_acuity: this.byAcuity, disenrolled: this.disenrolled, open: this.open,
        case_managers: this.providers.caseManagers.map((m, i) => ({ case_manager_id: m.id, case_manager_name: m.name, program: m.program, members: this.perCaseManager[i] })),
      },
      counterfactual: {
        ...cf,
        admissions_ratio: cf.admissions_counterfactual > 0 ? Math.round((1000 * cf.admissions_observed) / cf.admissions_counterfactual) / 1000 : null,
        ed_visits_ratio: cf.ed_visits_counterfactual > 0 ? Math.round((1000 * cf.ed_visits_observed) / cf.ed_visits_counterfactual) / 1000 : null,
        note: 'Enrolled members only, events inside the effect window and eligibility: the written world versus the same random streams replayed without the program (a realisation; the true hazard ratio is exact).',
      },
      messiness: { enabled: mess, ...messCounts, events_outside_eligibility: { admissions: this.outside.admissions, ed_visits: this.outside.ed_visits } },
    };
  }
}
