-- core_claim: the claims used by every measure — neither reversed nor replaced
-- (MEASURES.md §3). Reversed and replaced claims stay in core_claim_candidate and
-- core_claim_replacement for data quality.
--
-- materialized: view (a filter/projection/union: read in place, not copied)
SELECT c.*
FROM core_claim_candidate AS c
ANTI JOIN core_claim_replacement AS r ON r.claim_uid = c.claim_uid
WHERE NOT c.is_reversal
