-- core_claim_candidate: every claim with its class, dates, principal diagnosis and the
-- reversal flag (MEASURES.md §3).
--
-- Institutional: claim_type 'institutional', or a bill type present; professional:
-- claim_type 'professional'; anything else is 'other' (it still counts as an "other
-- claim" for the target population, §2).
-- Acute inpatient (§4): institutional with a bill type whose first two characters are
-- '11', whatever the third (frequency) character.
-- Dates (§3): institutional start = coalesce(admission_date, claim_start_date), end =
-- coalesce(discharge_date, claim_end_date); other claims use the claim dates. An end
-- before its start (possible only when admission and claim dates disagree) is raised to
-- the start, so no stay has a negative length.
-- Reversal (§3): frequency digit '8' (void), or every line paid < 0. Encounters are never
-- reversals (§3a).
-- Principal diagnosis (§3) = diagnosis position 1, from the header (stg_claim_header);
-- principal_dx_matchable says it may match a code list (ICD-10-CM type).
-- has_non_icd10_diagnosis: some diagnosis of the claim is of another declared code type
-- (for the data-quality mart).
WITH classified AS (
    SELECT
        h.*,
        CASE
            WHEN h.claim_type = 'institutional' OR h.bill_type_code IS NOT NULL THEN 'institutional'
            WHEN h.claim_type = 'professional' THEN 'professional'
            ELSE 'other'
        END AS claim_class,
        CASE WHEN length(h.bill_type_code) = 3 THEN right(h.bill_type_code, 1) END AS frequency_code
    FROM stg_claim_header AS h
),
dated AS (
    SELECT
        *,
        CASE WHEN claim_class = 'institutional' THEN coalesce(admission_date, claim_start_date) ELSE claim_start_date END AS start_date,
        CASE WHEN claim_class = 'institutional' THEN coalesce(discharge_date, claim_end_date) ELSE claim_end_date END AS raw_end_date
    FROM classified
)
SELECT
    d.claim_uid,
    d.claim_id,
    d.data_source,
    d.source,
    d.person_id,
    d.claim_class,
    d.bill_type_code,
    d.frequency_code,
    d.claim_class = 'institutional' AND left(d.bill_type_code, 2) = '11' AS is_acute_inpatient,
    d.claim_start_date,
    d.start_date,
    greatest(d.raw_end_date, d.start_date) AS end_date,
    d.discharge_disposition_code,
    d.facility_npi,
    d.drg_code,
    d.principal_dx,
    CASE WHEN d.principal_dx_is_icd10 THEN d.principal_dx END AS principal_dx_matchable,
    d.paid_amount,
    d.encounter_type,
    d.is_open,
    d.source = 'medical_claim' AND (coalesce(d.frequency_code = '8', false) OR d.all_lines_negative) AS is_reversal,
    d.has_non_icd10_diagnosis
FROM dated AS d
