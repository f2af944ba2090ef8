-- stg_medical_claim_tuple_count: per medical claim and distinct header tuple of its lines
-- (stg_medical_claim_line_tuple has the tuple's values), how many lines carry it, their
-- paid amount (sum) and whether all are negative, the first of them (line number and the
-- raw row's rowid), and how many distinct tuples the claim has. Only numbers are stored:
-- the claim's identity is read back from the first line's raw row, like the tuple's values
-- (so the ids of a million members' 15M claims are not held in memory).
--
-- MEASURES.md §3 (the header rule; see stg_medical_claim_line_tuple). Lines are grouped by
-- a 64-bit hash of the tuple rather than by its ~60 columns: at a million members the wide
-- GROUP BY took 90 s and spilled, and its rows were copied again for every reader. Two
-- different tuples of one claim sharing a hash (odds about 1 in 10^19 per pair) would count
-- as one. rowid is stable for the whole build: nothing writes the raw tables while it runs
-- (its relations are temporary tables until the marts' transaction), so no checkpoint can
-- compact them.
-- A claim is counted in one pass: when all its lines share one tuple (the smallest and
-- largest tuple hash agree — nearly every claim) the claim's totals are the tuple's; only
-- the lines of the other claims are grouped again per tuple.
WITH line AS NOT MATERIALIZED (
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
claim AS (
    SELECT
        data_source,
        claim_id,
        count(*) AS line_count,
        sum(paid_amount) AS paid_amount,
        bool_and(coalesce(paid_amount < 0, false)) AS all_lines_negative,
        min(claim_line_number) AS first_line,
        arg_min(line_rowid, claim_line_number) AS first_rowid,
        min(tuple_hash) <> max(tuple_hash) AS has_several_tuples
    FROM line
    GROUP BY data_source, claim_id
),
several_tuple AS (
    SELECT
        l.data_source,
        l.claim_id,
        count(*) AS line_count,
        sum(l.paid_amount) AS paid_amount,
        bool_and(coalesce(l.paid_amount < 0, false)) AS all_lines_negative,
        min(l.claim_line_number) AS first_line,
        arg_min(l.line_rowid, l.claim_line_number) AS first_rowid,
        count(*) OVER (PARTITION BY l.data_source, l.claim_id) AS tuples
    FROM line AS l
    SEMI JOIN claim AS c
      ON c.has_several_tuples AND c.data_source IS NOT DISTINCT FROM l.data_source AND c.claim_id IS NOT DISTINCT FROM l.claim_id
    GROUP BY l.data_source, l.claim_id, l.tuple_hash
),
line_tuple AS (
    SELECT data_source, claim_id, line_count, paid_amount, all_lines_negative, first_line, first_rowid, CAST(1 AS BIGINT) AS tuples
    FROM claim
    WHERE NOT has_several_tuples
    UNION ALL
    SELECT data_source, claim_id, line_count, paid_amount, all_lines_negative, first_line, first_rowid, tuples
    FROM several_tuple
)
SELECT
    line_count,
    paid_amount,
    all_lines_negative,
    first_line,
    first_rowid,
    tuples
FROM line_tuple
