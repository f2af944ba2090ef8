-- stg_medical_claim_line_tuple: the distinct header tuples of each medical claim's lines,
-- with how many lines carry each tuple and the first of them, and the tuple's lines' paid
-- amount (sum) and whether all of them are negative (for the claim header).
--
-- MEASURES.md §3: a claim's header fields (dates, bill type, discharge disposition,
-- facility, diagnosis and procedure codes) are the most frequent non-blank value across
-- its lines (ties: the lowest line number). The same rule is applied to person_id,
-- claim_type, DRG and the code-type columns, which also describe the whole claim.
-- Collapsing identical lines keeps all the rule needs (each value's line count and first
-- line). `tuples` = 1 when every line of the claim agrees — nearly every claim — and the
-- header is that tuple; other claims go through stg_medical_claim_disputed_value.
-- Ingest has trimmed values (blank → NULL) and normalised codes (ICD upper-case without
-- dots, bill types 3 characters, dispositions 2; server/engine/contract.ts).
-- The counting is in stg_medical_claim_tuple_count; this view reads each tuple's values,
-- and the claim's identity, from its first raw line (by rowid), so each reader scans only
-- the columns it uses. claim_uid is built as in stg_medical_claim_line.
--
-- materialized: view
SELECT
    'mc' || length(coalesce(r.data_source, '')) || ':' || coalesce(r.data_source, '') || ':' || r.claim_id AS claim_uid,
    r.claim_id,
    coalesce(r.data_source, '') AS data_source,
    r.person_id,
    r.claim_type,
    r.claim_start_date,
    r.claim_end_date,
    r.admission_date,
    r.discharge_date,
    r.bill_type_code,
    r.discharge_disposition_code,
    r.facility_npi,
    r.drg_code,
    r.diagnosis_code_type,
    r.procedure_code_type,
    COLUMNS('^(diagnosis|procedure)_code_\d+$'),
    t.line_count,
    t.paid_amount,
    t.all_lines_negative,
    t.first_line,
    t.tuples
FROM stg_medical_claim_tuple_count AS t
JOIN raw_medical_claim AS r ON r.rowid = t.first_rowid
