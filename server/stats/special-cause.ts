/**
 * Special-cause rules for control charts (Shewhart rule 1 and the run rule used in
 * healthcare SPC, Provost & Murray, "The Health Care Data Guide", 2011):
 * - `beyond_limits`: a point above the upper or below the lower control limit;
 * - `run_of_8`: 8 or more consecutive points on the same side of the centre line.
 *   A point exactly on the centre line neither extends nor breaks a run.
 */

export type SignalRule = 'beyond_limits' | 'run_of_8';

export interface ChartPointInput {
  value: number | null;
  centre: number;
  lcl: number | null;
  ucl: number | null;
}

export const RUN_LENGTH = 8;

/** Returns, for each point, the rules it triggers (an empty list when none; points with a null value never signal). */
export function specialCauses(points: ChartPointInput[], runLength = RUN_LENGTH): SignalRule[][] {
  const signals: SignalRule[][] = points.map(() => []);
  points.forEach((p, i) => {
    if (p.value === null) return;
    if ((p.ucl !== null && p.value > p.ucl) || (p.lcl !== null && p.value < p.lcl)) signals[i].push('beyond_limits');
  });
  let run: number[] = [];
  let side = 0;
  const closeRun = () => {
    if (run.length >= runLength) for (const i of run) signals[i].push('run_of_8');
  };
  points.forEach((p, i) => {
    if (p.value === null || p.value === p.centre) return;
    const s = p.value > p.centre ? 1 : -1;
    if (s !== side) {
      closeRun();
      run = [];
      side = s;
    }
    run.push(i);
  });
  closeRun();
  return signals;
}
