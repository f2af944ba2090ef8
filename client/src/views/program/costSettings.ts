/** The program-cost assumptions of the evaluation, kept in the URL (cost, fte, cost_per_fte, pmpm). */
import { useUrlState } from '../../urlState.ts';

export const DEFAULT_COST_PER_FTE = 100_000;
/** Same bounds as the API (server/api/routes/evaluation.ts). */
export const costBounds = { fte: 1000, cost_per_fte: 10_000_000, pmpm: 100_000 } as const;

export interface CostSettings {
  cost: 'fte' | 'pmpm';
  fte?: number;
  cost_per_fte?: number;
  pmpm?: number;
}

const number = (v: string | undefined) => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

/** The cost settings in the URL, and a setter writing them back. */
export function useCostSettings(): { settings: CostSettings; set: (next: CostSettings) => void } {
  const { get, set } = useUrlState();
  const settings: CostSettings = {
    cost: get('cost') === 'pmpm' ? 'pmpm' : 'fte',
    fte: number(get('fte')),
    cost_per_fte: number(get('cost_per_fte')),
    pmpm: number(get('pmpm')),
  };
  return {
    settings,
    set: (next) => set({ cost: next.cost === 'fte' ? null : 'pmpm', fte: next.fte, cost_per_fte: next.cost_per_fte, pmpm: next.pmpm }, { replace: true }),
  };
}

/** The API parameters of the settings (only those of the chosen cost model). */
export function costParams(s: CostSettings): Record<string, string | number | undefined> {
  return s.cost === 'pmpm' ? { cost: 'pmpm', pmpm: s.pmpm ?? 100 } : { cost: 'fte', fte: s.fte, cost_per_fte: s.cost_per_fte };
}
