/**
 * Writes claims as medical_claim rows in the contract's column order, repeating header
 * fields on every line as extracts do, and injects the messiness (blank principal
 * diagnosis, null facility, replacement and void claims, duplicated lines), counting each.
 */
import type { Calendar } from '../calendar.ts';
import { medicalClaim } from '../../engine/contract.ts';
import type { CsvFile } from '../csv.ts';
import { MODEL } from '../model.ts';
import type { Rng } from '../rng.ts';
import type { Member } from '../types.ts';
import { anchorDay, type Claim, type Line } from './claim.ts';
import { DATA_SOURCE, type Eligibility } from './eligibility.ts';

/** Column order this renderer writes; checked against the contract when the module loads. */
const LAYOUT = [
  'claim_id', 'claim_line_number', 'claim_type', 'person_id', 'member_id', 'payer', 'plan', 'claim_start_date', 'claim_end_date',
  'claim_line_start_date', 'claim_line_end_date', 'admission_date', 'discharge_date', 'admit_source_code', 'admit_type_code',
  'discharge_disposition_code', 'place_of_service_code', 'bill_type_code', 'drg_code_type', 'drg_code', 'revenue_center_code',
  'service_unit_quantity', 'hcpcs_code', 'rendering_npi', 'billing_npi', 'facility_npi', 'paid_amount', 'allowed_amount',
  'charge_amount', 'diagnosis_code_type', ...Array.from({ length: 25 }, (_, i) => `diagnosis_code_${i + 1}`),
  'procedure_code_type', ...Array.from({ length: 25 }, (_, i) => `procedure_code_${i + 1}`), 'data_source',
];
const contractOrder = medicalClaim.columns.map((c) => c.name);
if (contractOrder.join(',') !== LAYOUT.join(',')) throw new Error('generate: medical_claim column order in contract.ts changed; update emit/render.ts');

export interface MessCounts {
  blank_principal_diagnosis: number;
  null_facility: number;
  replacements: number;
  voids: number;
  voids_bill_type_8: number;
  voids_negative_paid: number;
  duplicated_lines: number;
  claims_outside_eligibility: number;
}

export function emptyMessCounts(): MessCounts {
  return { blank_principal_diagnosis: 0, null_facility: 0, replacements: 0, voids: 0, voids_bill_type_8: 0, voids_negative_paid: 0, duplicated_lines: 0, claims_outside_eligibility: 0 };
}

const M = MODEL.mess;
const EMPTY_25 = ','.repeat(24);

function codes25(codes: readonly string[]): string {
  if (codes.length === 0) return EMPTY_25;
  return codes.join(',') + ','.repeat(25 - codes.length);
}
const money = (x: number) => x.toFixed(2);

/** Writes a member's claims; `mess` is null when messiness is off. */
export class ClaimRenderer {
  constructor(
    private readonly out: CsvFile,
    private readonly cal: Calendar,
    private readonly counts: MessCounts,
    private readonly idWidth: number,
  ) {}

  /** Writes `claims` of `member` (already filtered to what the extract holds); returns the number of claims written. */
  write(member: Member, claims: readonly Claim[], elig: Eligibility, mess: Rng | null): number {
    let seq = 0;
    const idPrefix = `CLM${String(member.index + 1).padStart(this.idWidth, '0')}`;
    const nextId = () => `${idPrefix}${String(++seq).padStart(4, '0')}`;
    for (const c of claims) {
      const outside = !elig.isEligible(anchorDay(c));
      const u = mess ? mess.uniform() : -1;
      let variant: 'plain' | 'blank' | 'nullFacility' | 'replace' | 'void' = 'plain';
      if (u < 0) variant = 'plain';
      else if (u < M.blankPrincipalDiagnosis && c.dx.length > 0) variant = 'blank';
      else if (c.canNullFacility && u < M.blankPrincipalDiagnosis + M.nullFacility) variant = 'nullFacility';
      else if (c.canReplace && u < M.blankPrincipalDiagnosis + M.nullFacility + M.replacement) variant = 'replace';
      else if (u > 1 - M.void) variant = 'void';

      const dx = variant === 'blank' ? ['', ...c.dx.slice(1)] : c.dx;
      const facility = variant === 'nullFacility' ? '' : c.facility;
      this.claimRows(member, nextId(), c, c.billType, dx, facility, elig, mess, 1);
      if (variant === 'blank') this.counts.blank_principal_diagnosis++;
      if (variant === 'nullFacility') this.counts.null_facility++;
      if (outside) this.counts.claims_outside_eligibility++;
      if (variant === 'replace' || variant === 'void') {
        const frequency = variant === 'replace' ? '7' : '8';
        const billType = c.billType === '' ? '' : c.billType.slice(0, 2) + frequency;
        this.claimRows(member, nextId(), c, billType, dx, facility, elig, mess, variant === 'void' ? -1 : 1);
        if (outside) this.counts.claims_outside_eligibility++;
        if (variant === 'replace') this.counts.replacements++;
        else {
          this.counts.voids++;
          if (billType !== '') this.counts.voids_bill_type_8++;
          else this.counts.voids_negative_paid++;
        }
      }
    }
    return seq;
  }

  private claimRows(member: Member, id: string, c: Claim, billType: string, dx: readonly string[], facility: string, elig: Eligibility, mess: Rng | null, sign: 1 | -1): void {
    const iso = this.cal.iso;
    const start = c.start;
    const plan = elig.planOf(start);
    const pre = `${id},`;
    const mid1 = `,${c.institutional ? 'institutional' : 'professional'},${member.personId},${member.memberId},${MODEL.eligibility.payer},${plan},${iso(start)},${iso(c.end)},`;
    const mid2 = `,${c.admission === null ? '' : iso(c.admission)},${c.discharge === null ? '' : iso(c.discharge)},${c.admitSource},${c.admitType},${c.disposition},${c.pos},${billType},${c.drg === '' ? '' : 'ms-drg'},${c.drg},`;
    const mid3 = `,${c.rendering},${c.billing},${facility},`;
    const tail = `,${dx.length > 0 ? 'icd-10-cm' : ''},${codes25(dx)},${c.px.length > 0 ? 'icd-10-pcs' : ''},${codes25(c.px)},${DATA_SOURCE}\n`;
    c.lines.forEach((line: Line, i) => {
      const row = `${pre}${i + 1}${mid1}${iso(line.start)},${iso(line.end)}${mid2}${line.revenue},${line.units ?? ''},${line.hcpcs}${mid3}${money(sign * line.paid)},${money(sign * line.allowed)},${money(sign * line.charge)}${tail}`;
      this.out.row(row);
      if (mess && mess.uniform() < M.duplicateLine) {
        this.out.row(row);
        this.counts.duplicated_lines++;
      }
    });
  }
}
