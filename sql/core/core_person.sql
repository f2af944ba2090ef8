-- core_person: one row per person seen in eligibility or claims, with demographics.
--
-- Demographics come from eligibility: sex and birth date from the latest span that has
-- them; death_date is the earliest death date on any span (MEASURES.md §6 index
-- condition 2: "no death_date on or before the discharge date"). A person with claims
-- but no eligibility has no member months (§2) and no demographics.
WITH eligibility_person AS (
    SELECT
        person_id,
        arg_max(gender, span_start) FILTER (WHERE gender IS NOT NULL) AS sex,
        arg_max(birth_date, span_start) FILTER (WHERE birth_date IS NOT NULL) AS birth_date,
        min(death_date) AS death_date
    FROM stg_eligibility
    GROUP BY person_id
),
claim_person AS (
    SELECT DISTINCT person_id FROM core_claim_candidate
)
SELECT
    coalesce(e.person_id, c.person_id) AS person_id,
    coalesce(e.sex, 'unknown') AS sex,
    e.birth_date,
    e.death_date,
    e.person_id IS NOT NULL AS has_eligibility
FROM eligibility_person AS e
FULL JOIN claim_person AS c USING (person_id)
