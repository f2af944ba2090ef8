-- stg_medical_claim_tuple_count: per medical claim and distinct header tuple of its lines
-- (stg_medical_claim_line_tuple has the tuple's values), how many lines carry it, their
-- paid amount (sum) and whether all are negative, the first of them (line number and the
-- raw row's rowid), and how many distinct tuples the claim has.
--
-- MEASURES.md §3 (the header rule; see stg_medical_claim_line_tuple). Lines are grouped by
-- a 64-bit hash of the tuple rather than by its ~60 columns: at a million members the wide
-- GROUP BY took 90 s and spilled, and its rows were copied again for every reader. Two
-- different tuples of one claim sharing a hash (odds about 1 in 10^19 per pair) would count
-- as one. rowid is stable for the whole build: it runs in one transaction.
-- claim_uid is built as in stg_medical_claim_line.
WITH line AS (
    SELECT
        rowid AS line_rowid,
        data_source,
        claim_id,
        claim_line_number,
        paid_amount,
        hash(person_id, claim_type, claim_start_date, claim_end_date, admission_date, discharge_date,
             bill_type_code, discharge_disposition_code, facility_npi, drg_code, diagnosis_code_type,
             procedure_code_type, *COLUMNS('^(diagnosis|procedure)_code_\d+$')) AS tuple_hash
    FROM raw_medical_claim
),
line_tuple AS (
    SELECT
        data_source,
        claim_id,
        count(*) AS line_count,
        sum(paid_amount) AS paid_amount,
        bool_and(coalesce(paid_amount < 0, false)) AS all_lines_negative,
        min(claim_line_number) AS first_line,
        arg_min(line_rowid, claim_line_number) AS first_rowid,
        count(*) OVER (PARTITION BY data_source, claim_id) AS tuples
    FROM line
    GROUP BY data_source, claim_id, tuple_hash
)
SELECT
    'mc' || length(coalesce(data_source, '')) || ':' || coalesce(data_source, '') || ':' || claim_id AS claim_uid,
    claim_id,
    coalesce(data_source, '') AS data_source,
    line_count,
    paid_amount,
    all_lines_negative,
    first_line,
    first_rowid,
    tuples
FROM line_tuple
