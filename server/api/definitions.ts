/**
 * Plain-language definitions of every measure and concept the dashboard names, written
 * from MEASURES.md (the section is given so a reader can find the full rule).
 */
export interface Definition {
  id: string;
  term: string;
  /** One or two sentences a non-analyst understands. */
  plain: string;
  /** How the number is computed. */
  formula?: string;
  source: string;
}

export const definitions: Definition[] = [
  {
    id: 'admissions_per_1000',
    term: 'Admissions per 1,000',
    plain: 'How many acute hospital admissions happen for every 1,000 people covered for a whole year. A hospital stay that continues at another hospital (a transfer) counts once.',
    formula: '12,000 × admissions ÷ member months. An admission belongs to the month it started.',
    source: 'MEASURES.md §4, §7',
  },
  {
    id: 'ed_visits_per_1000',
    term: 'ED visits per 1,000',
    plain: 'Emergency department visits for every 1,000 people covered for a year. One emergency counts once, however many bills it produced, including visits that ended in a hospital admission.',
    formula: '12,000 × ED visits ÷ member months, by the date of the visit.',
    source: 'MEASURES.md §5, §7',
  },
  {
    id: 'ed_treat_release_per_1000',
    term: 'Treat-and-release ED visits per 1,000',
    plain: 'ED visits after which the person went home rather than being admitted, per 1,000 people covered for a year.',
    formula: '12,000 × (ED visits − ED visits leading to admission) ÷ member months.',
    source: 'MEASURES.md §5',
  },
  {
    id: 'readmission_rate',
    term: '30-day readmission rate',
    plain: 'Of the hospital stays that ended with the patient going home alive, the share followed by an unplanned admission within 30 days. Stays for cancer treatment, psychiatry or rehabilitation, and discharges against medical advice, are left out; a planned return (such as a scheduled surgery) is not a readmission.',
    formula: 'readmitted index stays ÷ index stays, by the month of discharge. Stays discharged in the last 30 days of the data are not counted yet.',
    source: 'MEASURES.md §6 (CMS Hospital-Wide Readmission rules)',
  },
  {
    id: 'alos',
    term: 'Average length of stay (ALOS)',
    plain: 'The average number of days a hospital admission lasts. A same-day stay counts as one day; a stay is counted whole in the month it started.',
    formula: 'bed days ÷ admissions.',
    source: 'MEASURES.md §4',
  },
  {
    id: 'member_months',
    term: 'Member months',
    plain: 'Each person counts once for each calendar month they were covered for at least one day. Twelve member months make one member-year.',
    source: 'MEASURES.md §2',
  },
  {
    id: 'cohorts',
    term: 'Managed, unmanaged, all',
    plain: 'Managed: months in which the person was enrolled in a case-management program. Unmanaged: months of people with a target chronic condition who were not enrolled — the comparison group. All: every covered month, including people with none of the target conditions.',
    source: 'MEASURES.md §2',
  },
  {
    id: 'target_population',
    term: 'Target population',
    plain: 'People with diabetes, hypertension, heart failure or ischemic heart disease found in claims: one hospital stay with the diagnosis, or two other visits with it on different days.',
    source: 'MEASURES.md §2',
  },
  {
    id: 'interval',
    term: '95 % interval',
    plain: 'The range in which the true rate most likely lies given how few events there are; wide intervals mean the number could move a lot by chance. Rates per 1,000 use the exact Poisson interval, the readmission rate the Wilson interval. For ALOS the bed days are treated as a Poisson count per admission, which makes the interval too narrow when stay lengths vary widely.',
    source: 'MEASURES.md §7',
  },
  {
    id: 'change',
    term: 'Change vs previous period',
    plain: 'The difference between this period and the period of the same length just before it, in the measure’s own unit (for the readmission rate, in percentage points).',
    source: 'Dashboard',
  },
  {
    id: 'followup_7d',
    term: '7-day follow-up',
    plain: 'An office or transitional-care visit within 7 days after the patient’s last hospital discharge. Patients still inside the 7-day window can still be seen in time.',
    source: 'docs/marts.md (mart_patient)',
  },
  {
    id: 'utilization',
    term: 'Recent utilization',
    plain: 'ED visits, admissions, bed days and amount paid in the 12 months before the data ends. Lists are ranked by ED visits first, then admissions, bed days and paid.',
    source: 'docs/marts.md (mart_patient)',
  },
  {
    id: 'pre_post',
    term: 'Before vs after enrolment',
    plain: 'The same enrolled people, month by month relative to the month they joined the program. A drop after enrolment is encouraging but not proof: people often enrol right after a bad spell, which tends to improve anyway (regression to the mean).',
    source: 'docs/marts.md (mart_program_pre_post)',
  },
  {
    id: 'suppressed',
    term: 'Suppressed cells (<11)',
    plain: 'Counts from 1 to 10 people or events are hidden and shown as "<11" to protect privacy (CMS small-cell policy). Zero is shown.',
    source: 'DESIGN.md, security model',
  },
];
