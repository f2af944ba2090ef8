/** Build information and filter choices, loaded once and shared by every view. */
import { createContext, useContext } from 'react';

export interface Meta {
  build: { data_through: string; default_from: string; built_at: string | null };
  defaultPeriod: { from: string; to: string; months: number };
  filters: { months: { first: string; last: string }; payers: string[]; programs: string[]; caseManagers: { id: string; name: string }[] };
  measures: { id: string; label: string; unit: string; format: string; events: string }[];
}

export const MetaContext = createContext<Meta | null>(null);

export function useMeta(): Meta {
  const meta = useContext(MetaContext);
  if (!meta) throw new Error('meta not loaded');
  return meta;
}

/** The period the API will use for these filters (same rule as the server). */
export { resolvePeriod } from '../../server/api/period.ts';
