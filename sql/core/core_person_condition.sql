-- core_person_condition: persons in the target population, one row per (person,
-- target condition) found.
--
-- MEASURES.md §2: a condition is found by "one acute inpatient stay (§4) with a code of
-- the condition in any diagnosis position of any of its claims, or two other claims (not
-- acute inpatient, not reversed; distinct claim_id) with a code of the condition on
-- different service dates (claim start, §3)", at any time in the data.
-- Every used acute inpatient claim belongs to exactly one stay (core_stay_claim), so a
-- coded acute inpatient claim is a coded stay. Claims are the used ones (core_claim:
-- not reversed, not replaced). Only ICD-10-CM codes match. Two other claims with distinct
-- claim_id on different dates exist exactly when the coded claims span at least two
-- claim_ids and at least two dates, i.e. when their smallest and largest claim_id differ and
-- so do their earliest and latest dates (cheaper than counting distinct values). A claim
-- coded for a condition in several positions is not de-duplicated: the repeats change no
-- min, max or bool_or.
WITH coded_diagnosis AS (
    SELECT d.claim_uid, t.condition
    FROM stg_claim_diagnosis AS d
    JOIN stg_target_condition_code AS t ON t.icd10_category = left(d.code, 3) AND (t.code IS NULL OR t.code = d.code)
    WHERE d.is_icd10
),
coded_claim AS (
    SELECT c.person_id, c.claim_id, c.start_date, c.is_acute_inpatient, x.condition
    FROM coded_diagnosis AS x
    JOIN core_claim AS c USING (claim_uid)
)
SELECT
    person_id,
    condition,
    bool_or(is_acute_inpatient) AS found_on_inpatient_stay,
    min(start_date) AS first_coded_date
FROM coded_claim
GROUP BY person_id, condition
HAVING bool_or(is_acute_inpatient)
    OR (min(claim_id) FILTER (WHERE NOT is_acute_inpatient) <> max(claim_id) FILTER (WHERE NOT is_acute_inpatient)
        AND min(start_date) FILTER (WHERE NOT is_acute_inpatient) <> max(start_date) FILTER (WHERE NOT is_acute_inpatient))
