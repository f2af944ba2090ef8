-- core_claim: the claims used by every measure — neither reversed nor replaced
-- (MEASURES.md §3). Reversed and replaced claims stay in core_claim_candidate and
-- core_claim_replacement for data quality.
SELECT c.*
FROM core_claim_candidate AS c
WHERE NOT c.is_reversal
  AND NOT EXISTS (SELECT 1 FROM core_claim_replacement AS r WHERE r.claim_uid = c.claim_uid)
