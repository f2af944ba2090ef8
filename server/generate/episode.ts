/**
 * The details of one acute admission (episode): principal diagnosis, procedure, DRG,
 * severity, length of stay, ED routing, hospital, transfer, discharge disposition and
 * death in hospital.
 */
import { cancerDrgs } from './codes/admissions.ts';
import type { AdmissionReason } from './codes/types.ts';
import { ageBand, MODEL } from './model.ts';
import type { Providers } from './providers.ts';
import type { Rng, Weighted } from './rng.ts';
import type { Episode, Member, Severity, Stay } from './types.ts';

const A = MODEL.admissions;
const edLevelsThroughEd = [3, 4, 4, 5, 5, 5] as const;

/** Builds the episode of `member` for `reason`, admitted on `day`. */
export function buildEpisode(member: Member, reason: AdmissionReason, day: number, rng: Rng, providers: Providers): Episode {
  const planned = reason.planned;
  const sev = planned ? A.plannedSeverity : A.severity;
  const u = rng.uniform();
  const severity: Severity = u < sev.mcc ? 0 : u < sev.mcc + sev.cc ? 1 : 2;
  const principal = principalOf(member, reason, rng);
  let procedure: string | null = null;
  let drg = reason.key === 'cancer' ? (cancerDrgs[principal] ?? reason.drg)[severity] : reason.drg[severity];
  if (reason.procedure && rng.chance(reason.procedure.share)) {
    const pcs = reason.procedure.pcs;
    procedure = isWeighted(pcs) ? rng.weighted(pcs) : pcs[principal];
    drg = reason.procedure.drg[severity];
  }
  let los = drawLos(rng, reason.meanLos * A.losBySeverity[severity]);

  const viaEd = !planned && rng.chance(reason.viaEd) ? (rng.chance(A.bundledEdShare) ? 'bundled' : 'separate') : null;
  const edDay = viaEd === 'separate' && rng.chance(A.separateEdDayBeforeShare) ? day - 1 : day;
  const edLevel = rng.pick(edLevelsThroughEd);

  const band = ageBand(member.ageAtStart);
  const dieP = A.inHospitalMortality * reason.mortality * member.hospitalMortality * (severity === 0 ? 2.2 : severity === 1 ? 0.8 : 0.3) * (planned ? 0.2 : 1);
  let died = rng.chance(dieP);
  const transfer = !died && !planned && rng.chance(reason.transfer);
  const firstHospital = planned && reason.procedure && rng.chance(0.6) ? tertiary(providers, rng) : rng.chance(0.75) ? member.homeHospital : rng.int(0, providers.hospitals.length - 1);
  const stays: Stay[] = [];
  if (transfer) {
    const firstLos = rng.int(0, 2);
    stays.push({ hospital: firstHospital, admit: day, discharge: day + firstLos, disposition: '02' });
    let second = tertiary(providers, rng);
    if (second === firstHospital) second = (firstHospital + 1) % providers.hospitals.length;
    const admit2 = day + firstLos + (rng.chance(0.6) ? 0 : 1);
    los = Math.max(1, drawLos(rng, reason.meanLos * A.losBySeverity[severity]));
    stays.push({ hospital: second, admit: admit2, discharge: admit2 + los, disposition: '' });
  } else {
    stays.push({ hospital: firstHospital, admit: day, discharge: day + los, disposition: '' });
  }
  const last = stays[stays.length - 1];
  if (member.naturalDeathDay >= day && member.naturalDeathDay <= last.discharge) {
    died = true;
    last.discharge = Math.max(last.admit, member.naturalDeathDay);
  }
  last.disposition = died ? '20' : finalDisposition(rng, reason, band, planned);
  return {
    reason, principal, procedure, drg, severity, planned, viaEd, edDay, edLevel, stays,
    admit: day, discharge: last.discharge, died,
  };
}

function isWeighted(pcs: Weighted<string> | Readonly<Record<string, string>>): pcs is Weighted<string> {
  return 'cumulative' in pcs;
}

function principalOf(member: Member, reason: AdmissionReason, rng: Rng): string {
  if (reason.key === 'heart_failure') {
    const hypertensive = member.codes.chronic.find((c) => c === 'I110' || c === 'I130');
    if (hypertensive && rng.chance(0.5)) return hypertensive;
    return rng.pick(member.codes.hfAcute);
  }
  if (reason.key === 'cancer') return member.codes.cancer ?? 'C3490';
  return rng.weighted(reason.principal);
}

function drawLos(rng: Rng, mean: number): number {
  const x = rng.logNormalMean(mean, A.losSigma);
  const los = Math.round(x);
  return Math.min(A.maxLos, los === 0 && x > 0.3 ? 1 : los);
}

function tertiary(providers: Providers, rng: Rng): number {
  const count = providers.hospitals.filter((h) => h.tertiary).length;
  return rng.int(0, count - 1);
}

function finalDisposition(rng: Rng, reason: AdmissionReason, band: number, planned: boolean): string {
  if (!planned && rng.chance(A.againstMedicalAdvice)) return '07';
  const post = reason.postAcute * (band === 3 ? 1.6 : band === 2 ? 1.2 : 0.9);
  const u = rng.uniform();
  const snf = 0.13 * post;
  const homeHealth = snf + 0.17 * Math.sqrt(post);
  const rehab = homeHealth + (reason.key === 'stroke' || reason.key === 'hip_fracture' ? 0.08 : 0.004);
  const hospice = rehab + 0.012 * reason.mortality;
  if (u < snf) return '03';
  if (u < homeHealth) return '06';
  if (u < rehab) return '62';
  if (u < hospice) return '50';
  return '01';
}
