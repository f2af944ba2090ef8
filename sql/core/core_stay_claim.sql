-- core_stay_claim: each used acute inpatient claim with the stay it belongs to.
--
-- MEASURES.md §4: acute inpatient claims of one person are merged, ordered by start then
-- end (then claim_id, data_source, for a stable order), when the next claim
--   * is at the same facility — equal facility_npi, or either is null; "same facility"
--     compares with the stay's first claim that has a facility (stay_facility), and
--   * overlaps the stay (next.start <= stay.end), or starts the day after the stay ends
--     while the stay's last claim has discharge disposition '30' (still a patient).
-- The stay's last claim is the one with the latest end (then latest start, then
-- claim_id, data_source).
-- The merge is sequential (each decision depends on the stay built so far), so it runs
-- as a recursive walk: step k places the k-th claim of every person at once.
WITH RECURSIVE inpatient AS (
    SELECT
        person_id,
        claim_uid,
        start_date,
        end_date,
        facility_npi,
        discharge_disposition_code,
        {'end_date': end_date, 'start_date': start_date, 'claim_id': claim_id, 'data_source': data_source,
         'disposition': discharge_disposition_code, 'claim_uid': claim_uid} AS claim_rank,
        row_number() OVER (PARTITION BY person_id ORDER BY start_date, end_date, claim_id, data_source, claim_uid) AS seq
    FROM core_claim
    WHERE is_acute_inpatient
),
walk AS (
    SELECT
        person_id,
        seq,
        claim_uid,
        1 AS stay_number,
        facility_npi AS stay_facility,
        end_date AS stay_end,
        claim_rank AS last_claim
    FROM inpatient
    WHERE seq = 1
    UNION ALL
    SELECT
        n.person_id,
        n.seq,
        n.claim_uid,
        CASE WHEN joins THEN w.stay_number ELSE w.stay_number + 1 END,
        CASE WHEN joins THEN coalesce(w.stay_facility, n.facility_npi) ELSE n.facility_npi END,
        CASE WHEN joins THEN greatest(w.stay_end, n.end_date) ELSE n.end_date END,
        CASE WHEN joins THEN greatest(w.last_claim, n.claim_rank) ELSE n.claim_rank END
    FROM walk AS w
    JOIN inpatient AS n ON n.person_id = w.person_id AND n.seq = w.seq + 1,
    LATERAL (
        SELECT
            (n.facility_npi IS NULL OR w.stay_facility IS NULL OR n.facility_npi = w.stay_facility)
            AND (n.start_date <= w.stay_end
                 OR (n.start_date = w.stay_end + 1 AND coalesce(w.last_claim.disposition = '30', false))) AS joins
    )
)
SELECT
    person_id,
    claim_uid,
    seq,
    person_id || ':' || stay_number AS stay_id,
    stay_number
FROM walk
