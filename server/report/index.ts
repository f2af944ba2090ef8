export { computeReport, per1000, ratio, cohortNames, type Report, type CohortMeasures, type CohortName, type ReportPeriod } from './compute.ts';
export { formatReportTable } from './format.ts';
