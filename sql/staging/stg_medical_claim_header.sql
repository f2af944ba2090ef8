-- stg_medical_claim_header: one row per medical claim (claim_id, data_source).
--
-- MEASURES.md §3: header fields are the most frequent non-blank value across the claim's
-- lines, ties to the lowest line — the lines' common tuple when they all agree
-- (stg_medical_claim_line_tuple), otherwise the values picked in
-- stg_medical_claim_disputed_value. paid = sum of the lines' paid_amount;
-- all_lines_negative feeds the reversal rule ("whose lines all have paid_amount < 0" — a
-- line with no paid amount is not negative). Line counts and paid amounts come summed per
-- tuple from stg_medical_claim_line_tuple, so the claim's lines are not read again.
-- principal_dx: diagnosis position 1 (§3), as in stg_medical_claim_diagnosis;
-- principal_dx_is_icd10: the claim's diagnosis code type is ICD-10-CM (blank or a spelling
-- of it); has_non_icd10_diagnosis: the claim has a diagnosis code of another type.
--
-- materialized: view (read once, by core_claim_candidate through stg_claim_header)
-- (*COLUMNS cannot appear under NOT/AND, so agreed_tuple first coalesces the codes.)
WITH agreed_tuple AS (
    SELECT
        claim_uid, claim_id, data_source, person_id, claim_type, claim_start_date, claim_end_date, admission_date,
        discharge_date, bill_type_code, discharge_disposition_code, facility_npi, drg_code, diagnosis_code_type,
        procedure_code_type, line_count, paid_amount, all_lines_negative,
        diagnosis_code_1 AS principal_dx,
        is_icd10_cm(diagnosis_code_type) AS principal_dx_is_icd10,
        coalesce(*COLUMNS('^diagnosis_code_\d+$')) AS any_diagnosis_code
    FROM stg_medical_claim_line_tuple
    WHERE tuples = 1
),
agreed AS (
    SELECT
        * EXCLUDE (any_diagnosis_code),
        NOT principal_dx_is_icd10 AND any_diagnosis_code IS NOT NULL AS has_non_icd10_diagnosis
    FROM agreed_tuple
),
disputed AS (
    SELECT
        claim_uid,
        max(value) FILTER (WHERE field = 'person_id') AS person_id,
        max(value) FILTER (WHERE field = 'claim_type') AS claim_type,
        max(value) FILTER (WHERE field = 'claim_start_date')::DATE AS claim_start_date,
        max(value) FILTER (WHERE field = 'claim_end_date')::DATE AS claim_end_date,
        max(value) FILTER (WHERE field = 'admission_date')::DATE AS admission_date,
        max(value) FILTER (WHERE field = 'discharge_date')::DATE AS discharge_date,
        max(value) FILTER (WHERE field = 'bill_type_code') AS bill_type_code,
        max(value) FILTER (WHERE field = 'discharge_disposition_code') AS discharge_disposition_code,
        max(value) FILTER (WHERE field = 'facility_npi') AS facility_npi,
        max(value) FILTER (WHERE field = 'drg_code') AS drg_code,
        max(value) FILTER (WHERE field = 'diagnosis_code_type') AS diagnosis_code_type,
        max(value) FILTER (WHERE field = 'procedure_code_type') AS procedure_code_type,
        max(value) FILTER (WHERE field = 'diagnosis_code_1') AS principal_dx,
        is_icd10_cm(max(value) FILTER (WHERE field = 'diagnosis_code_type')) AS principal_dx_is_icd10,
        NOT principal_dx_is_icd10 AND bool_or(regexp_full_match(field, 'diagnosis_code_\d+')) AS has_non_icd10_diagnosis
    FROM stg_medical_claim_disputed_value
    GROUP BY claim_uid
),
disputed_lines AS (
    SELECT
        claim_uid,
        any_value(claim_id) AS claim_id,
        any_value(data_source) AS data_source,
        sum(line_count) AS line_count,
        sum(paid_amount) AS paid_amount,
        bool_and(all_lines_negative) AS all_lines_negative
    FROM stg_medical_claim_line_tuple
    WHERE tuples > 1
    GROUP BY claim_uid
),
header AS (
    SELECT * FROM agreed
    UNION ALL
    SELECT
        l.claim_uid, l.claim_id, l.data_source, d.person_id, d.claim_type, d.claim_start_date, d.claim_end_date,
        d.admission_date, d.discharge_date, d.bill_type_code, d.discharge_disposition_code, d.facility_npi,
        d.drg_code, d.diagnosis_code_type, d.procedure_code_type, l.line_count, l.paid_amount, l.all_lines_negative,
        d.principal_dx, d.principal_dx_is_icd10, d.has_non_icd10_diagnosis
    FROM disputed AS d
    JOIN disputed_lines AS l USING (claim_uid)
)
SELECT
    claim_uid,
    claim_id,
    data_source,
    'medical_claim' AS source,
    person_id,
    claim_type,
    claim_start_date,
    claim_end_date,
    admission_date,
    discharge_date,
    bill_type_code,
    discharge_disposition_code,
    facility_npi,
    drg_code,
    diagnosis_code_type,
    procedure_code_type,
    line_count,
    paid_amount,
    all_lines_negative,
    principal_dx,
    principal_dx_is_icd10,
    has_non_icd10_diagnosis,
    CAST(NULL AS VARCHAR) AS encounter_type,
    false AS is_open
FROM header
