-- stg_encounter_condition: each condition row placed on the claim-shaped record it
-- belongs to (MEASURES.md §3a).
--
-- A condition joins its encounter by encounter_id (same person). Without one — or with an
-- id that names no encounter of the person (our reading; §3a is silent) — it joins every
-- encounter of the person covering its recorded_date. On a date with no encounter it
-- becomes an "other claim" on that date: one per (person, data source, date), so it
-- counts for the target-population rule of §2.
-- Codes: a blank normalized_code_type means ICD-10-CM; other types (SNOMED CT, …) are
-- kept but match no code list.
WITH cond AS (
    SELECT
        condition_id,
        trim(person_id) AS person_id,
        nullif(trim(encounter_id), '') AS encounter_id,
        recorded_date,
        nullif(upper(replace(trim(normalized_code), '.', '')), '') AS code,
        is_icd10_cm(lower(trim(normalized_code_type))) AS is_icd10,
        coalesce(data_source, '') AS data_source
    FROM raw_condition
    WHERE nullif(trim(normalized_code), '') IS NOT NULL
),
by_id AS (
    SELECT c.*, e.claim_uid
    FROM cond AS c
    JOIN stg_encounter AS e ON e.encounter_id = c.encounter_id AND e.person_id = c.person_id
),
unplaced AS (
    SELECT c.* FROM cond AS c ANTI JOIN by_id AS b ON b.condition_id = c.condition_id AND b.data_source = c.data_source
),
by_date AS (
    SELECT u.*, e.claim_uid
    FROM unplaced AS u
    JOIN stg_encounter AS e ON e.person_id = u.person_id AND u.recorded_date BETWEEN e.start_date AND e.end_date
),
standalone AS (
    SELECT
        u.*,
        'cd' || length(u.data_source) || ':' || u.data_source || ':' || u.person_id || ':' || u.recorded_date AS claim_uid
    FROM unplaced AS u
    ANTI JOIN by_date AS b ON b.condition_id = u.condition_id AND b.data_source = u.data_source
)
SELECT claim_uid, condition_id, person_id, recorded_date, code, is_icd10, data_source, 'encounter' AS placed_by FROM by_id
UNION ALL
SELECT claim_uid, condition_id, person_id, recorded_date, code, is_icd10, data_source, 'date' FROM by_date
UNION ALL
SELECT claim_uid, condition_id, person_id, recorded_date, code, is_icd10, data_source, 'standalone' FROM standalone
