-- stg_target_condition_code: the ICD-10-CM codes of the target chronic conditions.
--
-- MEASURES.md §2. A row matches a diagnosis code whose first three characters are
-- icd10_category and, when code is not null, that equals code exactly ("E11*" is the
-- whole category E11; "I110" is the single code I11.0).
SELECT * FROM (VALUES
    ('diabetes', 'E08', NULL),
    ('diabetes', 'E09', NULL),
    ('diabetes', 'E10', NULL),
    ('diabetes', 'E11', NULL),
    ('diabetes', 'E13', NULL),
    ('hypertension', 'I10', NULL),
    ('hypertension', 'I11', NULL),
    ('hypertension', 'I12', NULL),
    ('hypertension', 'I13', NULL),
    ('hypertension', 'I15', NULL),
    ('hypertension', 'I16', NULL),
    ('heart_failure', 'I50', NULL),
    ('heart_failure', 'I11', 'I110'),
    ('heart_failure', 'I13', 'I130'),
    ('heart_failure', 'I13', 'I132'),
    ('heart_failure', 'I09', 'I0981'),
    ('ihd', 'I20', NULL),
    ('ihd', 'I21', NULL),
    ('ihd', 'I22', NULL),
    ('ihd', 'I23', NULL),
    ('ihd', 'I24', NULL),
    ('ihd', 'I25', NULL)
) AS t(condition, icd10_category, code)
