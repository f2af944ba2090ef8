/** The tile's control-limit signal from monthly mart sums. */
import { describe, expect, it } from 'vitest';
import { latestSignal } from '../../server/api/signals.ts';
import { emptySums, measures } from '../../server/api/measures.ts';

const months = (admissions: number[]) =>
  admissions.map((a, i) => ({ ...emptySums(), month: `2024-${String(i + 1).padStart(2, '0')}-01`, admissions: a, member_months: 1000 }));

describe('latestSignal', () => {
  it('marks a latest month above the upper control limit', () => {
    expect(latestSignal(measures.admissions_per_1000, months([10, 12, 9, 11, 10, 13, 40]))).toEqual({ month: '2024-07-01', direction: 'above' });
  });

  it('marks a latest month below the lower control limit', () => {
    expect(latestSignal(measures.admissions_per_1000, months([40, 42, 39, 41, 40, 43, 5]))).toEqual({ month: '2024-07-01', direction: 'below' });
  });

  it('stays quiet for common-cause variation and for too few months', () => {
    expect(latestSignal(measures.admissions_per_1000, months([10, 12, 9, 11, 10, 13, 11]))).toBeNull();
    expect(latestSignal(measures.admissions_per_1000, months([10, 40]))).toBeNull();
  });

  it('uses the latest month that has a value (readmissions: a p-chart of readmissions over index stays)', () => {
    const rows = [20, 22, 19, 21, 20, 60].map((r, i) => ({ ...emptySums(), month: `2024-0${i + 1}-01`, readmissions: r, index_stays: 100 }));
    rows.push({ ...emptySums(), month: '2024-07-01', readmissions: 0, index_stays: 0 });
    expect(latestSignal(measures.readmission_rate, rows)).toEqual({ month: '2024-06-01', direction: 'above' });
  });
});
