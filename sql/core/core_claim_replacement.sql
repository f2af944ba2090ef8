-- core_claim_replacement: claims replaced by a replacement claim, with the claim that
-- replaced them.
--
-- MEASURES.md §3: an institutional claim with frequency digit '7' replaces the other
-- institutional claims of the same person and facility (equal facility_npi, two blanks
-- equal) with the same start date (§3 start); those are excluded and counted in data
-- quality.
-- Where MEASURES.md is silent (our reading, following CMS's use of the final action
-- claim): reversed claims neither replace nor are replaced (they are already excluded
-- and counted as reversals); encounters are never replaced (§3a); when several
-- frequency-7 claims share a person, facility and start date, the one with the greatest
-- (claim_id, data_source) is the final version and replaces the others.
WITH institutional AS (
    SELECT claim_uid, claim_id, data_source, person_id, coalesce(facility_npi, '') AS facility_key, start_date, frequency_code
    FROM core_claim_candidate
    WHERE claim_class = 'institutional' AND source = 'medical_claim' AND NOT is_reversal
),
final_replacement AS (
    SELECT
        person_id,
        facility_key,
        start_date,
        arg_max(claim_uid, (claim_id, data_source)) AS replacing_claim_uid
    FROM institutional
    WHERE frequency_code = '7'
    GROUP BY person_id, facility_key, start_date
)
SELECT
    i.claim_uid,
    r.replacing_claim_uid
FROM institutional AS i
JOIN final_replacement AS r USING (person_id, facility_key, start_date)
WHERE i.claim_uid <> r.replacing_claim_uid
