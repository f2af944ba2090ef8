/**
 * A small mart-level simulation with a known program effect, for fast tests of the
 * evaluation mechanics without the generator: persons with a persistent frailty, a
 * transient high-risk spell after each admission (what regression to the mean feeds on),
 * and enrolment that is more likely right after an admission. After enrolment the
 * admission and ED hazards are multiplied by (1 + effect). Writes only the tables the
 * evaluation reads (docs/marts.md shapes, reduced to the columns used).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { Database } from '../../server/engine/db.ts';
import { canonicalTables, rawTableDdl } from '../../server/engine/contract.ts';

export interface SimOptions {
  persons: number;
  seed: number;
  effect: number;
  months?: number;
}

const START_YEAR = 2022;
const monthIso = (m: number) => `${START_YEAR + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
const dayIso = (m: number, d: number) => `${monthIso(m).slice(0, 8)}${String(d).padStart(2, '0')}`;

/** Writes the simulated marts into `db`; returns how many persons enrolled. */
export async function simulateMarts(db: Database, opts: SimOptions): Promise<{ enrolled: number }> {
  const months = opts.months ?? 36;
  const rng = xoroshiro128plus(opts.seed);
  const u = () => uniformFloat64(rng);
  const gamma1 = () => -Math.log(1 - u()); // exponential(1): a heavy-ish tail of frailty
  const mm: string[] = ['person_id,month,cohort,program,is_target,has_diabetes,has_hypertension,has_heart_failure,has_ihd,age_band,sex'];
  const ep: string[] = ['episode_id,person_id,admission_date,discharge_date,paid_amount,admit_cohort,discharge_cohort,is_index,readmitted'];
  const ed: string[] = ['ed_visit_id,person_id,visit_date,cohort,led_to_admission,paid_amount'];
  const tl: string[] = ['person_id,event_date,kind,paid_amount'];
  const claims: string[] = ['claim_id,claim_line_number,person_id,claim_start_date,claim_end_date,hcpcs_code,diagnosis_code_1,paid_amount'];
  let enrolled = 0;
  let claimNo = 0;
  for (let i = 0; i < opts.persons; i++) {
    const id = `P${String(i).padStart(6, '0')}`;
    const target = u() < 0.7;
    const hf = target && u() < 0.2;
    const dia = target && u() < 0.35;
    const frailty = gamma1() * (target ? 1.4 : 0.5) * (hf ? 1.8 : 1);
    const sex = u() < 0.55 ? 'female' : 'male';
    const ageBand = ['<65', '65-74', '75-84', '85+'][Math.floor(u() * 4)];
    const first = u() < 0.1 ? Math.floor(u() * 12) : 0;
    const last = u() < 0.08 ? months - 1 - Math.floor(u() * 12) : months - 1;
    if (hf) claims.push(`C${++claimNo},1,${id},${dayIso(first, 2)},${dayIso(first, 2)},,I500,120`);
    if (dia) claims.push(`C${++claimNo},1,${id},${dayIso(first, 3)},${dayIso(first, 3)},,E1122,110`);
    let enrolMonth = -1;
    let spell = 0;
    for (let m = first; m <= last; m++) {
      const managed = enrolMonth >= 0 && m >= enrolMonth;
      const cohort = managed ? 'managed' : target ? 'unmanaged' : 'other';
      mm.push(`${id},${monthIso(m)},${cohort},${managed ? 'Complex Care' : ''},${target},${dia},${target},${hf},false,${ageBand},${sex}`);
      const treated = enrolMonth >= 0 && m > enrolMonth;
      const multiplier = treated ? 1 + opts.effect : 1;
      const spellFactor = spell > 0 ? 4 : 1;
      const admissionHazard = 0.018 * frailty * spellFactor * multiplier;
      const edHazard = 0.035 * frailty * (spell > 0 ? 2 : 1) * multiplier;
      let admittedNow = false;
      for (let k = 0; k < 3; k++) {
        if (u() < admissionHazard / 3) {
          admittedNow = true;
          const day = 1 + Math.floor(u() * 25);
          const paid = Math.round(9000 + 8000 * u());
          const readmitted = u() < 0.18;
          ep.push(`E${id}_${m}_${k},${id},${dayIso(m, day)},${dayIso(m, day + 3)},${paid},${cohort},${cohort},true,${readmitted}`);
          tl.push(`${id},${dayIso(m, day)},inpatient,${paid}`);
        }
      }
      if (u() < edHazard) {
        const day = 1 + Math.floor(u() * 27);
        ed.push(`V${id}_${m},${id},${dayIso(m, day)},${cohort},false,${Math.round(600 + 900 * u())}`);
        tl.push(`${id},${dayIso(m, day)},ed,${Math.round(600 + 900 * u())}`);
      }
      if (u() < 0.3) tl.push(`${id},${dayIso(m, 15)},office,110`);
      if (managed) {
        tl.push(`${id},${dayIso(m, 20)},ccm,62`);
        claims.push(`C${++claimNo},1,${id},${dayIso(m, 20)},${dayIso(m, 20)},99490,,62`);
      }
      spell = admittedNow ? 3 : Math.max(0, spell - 1);
      if (enrolMonth < 0 && target && m < months - 1) {
        const p = 0.001 + (hf ? 0.002 : 0) + (dia ? 0.001 : 0) + (admittedNow ? 0.12 : 0);
        if (u() < p) {
          enrolMonth = m + 1 <= last ? m + 1 : -1;
          if (enrolMonth >= 0) enrolled++;
        }
      }
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'caseload-sim-'));
  try {
    const files = { mm, ep, ed, tl, claims };
    for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, `${name}.csv`), lines.join('\n') + '\n');
    const csv = (name: string) => ({ file: join(dir, `${name}.csv`) });
    for (const spec of canonicalTables) await db.run(rawTableDdl(spec));
    await db.run(`CREATE TABLE build_info AS SELECT DATE '${dayIso(months - 1, 31).slice(0, 8)}31' AS data_through, DATE '2022-01-01' AS default_from, now() AS built_at, 'sim' AS pipeline_version`);
    await db.run(`CREATE TABLE mart_member_month AS SELECT * REPLACE (CAST(month AS DATE) AS month) FROM read_csv($file, header = true, types = {'program': 'VARCHAR'})`, csv('mm'));
    await db.run(`CREATE TABLE mart_episode AS SELECT * FROM read_csv($file, header = true, types = {'admission_date': 'DATE', 'discharge_date': 'DATE'})`, csv('ep'));
    await db.run(`CREATE TABLE mart_ed_visit AS SELECT * FROM read_csv($file, header = true, types = {'visit_date': 'DATE'})`, csv('ed'));
    await db.run(`CREATE TABLE mart_patient_timeline AS SELECT * FROM read_csv($file, header = true, types = {'event_date': 'DATE'})`, csv('tl'));
    await db.run(
      `INSERT INTO raw_medical_claim (claim_id, claim_line_number, person_id, claim_start_date, claim_end_date, hcpcs_code, diagnosis_code_1, paid_amount, data_source, _batch_id, _file, _line)
       SELECT claim_id, claim_line_number, person_id, claim_start_date, claim_end_date, hcpcs_code, diagnosis_code_1, paid_amount, 'sim', 1, 'sim.csv', claim_line_number
       FROM read_csv($file, header = true, types = {'hcpcs_code': 'VARCHAR', 'diagnosis_code_1': 'VARCHAR'})`,
      csv('claims'),
    );
    await db.run(`
      CREATE TABLE mart_measures_monthly AS
      WITH pm AS (
        SELECT m.person_id, m.month, m.cohort,
          (SELECT count(*) FROM mart_episode e WHERE e.person_id = m.person_id AND date_trunc('month', e.admission_date) = m.month) AS admissions,
          (SELECT count(*) FROM mart_ed_visit v WHERE v.person_id = m.person_id AND date_trunc('month', v.visit_date) = m.month) AS ed_visits,
          (SELECT count(*) FROM mart_episode e WHERE e.is_index AND e.person_id = m.person_id AND date_trunc('month', e.discharge_date) = m.month) AS index_stays,
          (SELECT count(*) FROM mart_episode e WHERE e.readmitted AND e.person_id = m.person_id AND date_trunc('month', e.discharge_date) = m.month) AS readmissions,
          (SELECT coalesce(sum(paid_amount), 0) FROM mart_patient_timeline t WHERE t.person_id = m.person_id AND date_trunc('month', t.event_date) = m.month) AS paid
        FROM mart_member_month m)
      SELECT month, c AS cohort, 'any' AS condition, 'all' AS payer, 'all' AS program, count(*) AS member_months,
        count(DISTINCT person_id) AS members, sum(admissions) AS admissions, 0 AS bed_days, sum(ed_visits) AS ed_visits,
        sum(ed_visits) AS ed_treat_release, 0 AS ed_leading_to_admission, sum(index_stays) AS index_stays,
        sum(readmissions) AS readmissions, sum(paid) AS paid_amount
      FROM (SELECT *, unnest(['all', cohort]) AS c FROM pm) GROUP BY ALL`);
    const refDir = fileURLToPath(new URL('../../datasets/reference/', import.meta.url));
    await db.run(`CREATE TABLE ref_charlson_icd10_quan2005 AS SELECT * FROM read_csv($file, header = true, all_varchar = true)`, { file: join(refDir, 'comorbidity/charlson_icd10_quan2005.csv') });
    await db.run(`CREATE TABLE ref_ccm_tcm_codes AS SELECT * FROM read_csv($file, header = true, all_varchar = true)`, { file: join(refDir, 'care-management/ccm_tcm_codes.csv') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { enrolled };
}
