/** Filters live in the URL query: bookmarkable, shareable, and the back button restores them. */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** Parameters that describe the population and period; carried across views. */
export const sharedFilterKeys = ['from', 'to', 'condition', 'payer', 'program', 'caseManager'] as const;

export interface Filters {
  from?: string;
  to?: string;
  condition: string;
  payer: string;
  program: string;
  caseManager?: string;
}

/** The URL's filters with their defaults, and a setter that pushes a new history entry. */
export function useUrlState(): {
  filters: Filters;
  get: (key: string) => string | undefined;
  set: (changes: Record<string, string | number | undefined | null>, options?: { replace?: boolean }) => void;
  search: URLSearchParams;
} {
  const [search, setSearch] = useSearchParams();
  const get = useCallback((key: string) => search.get(key) ?? undefined, [search]);
  const set = useCallback(
    (changes: Record<string, string | number | undefined | null>, options: { replace?: boolean } = {}) => {
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value == null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: options.replace },
      );
    },
    [setSearch],
  );
  const filters: Filters = {
    from: get('from'),
    to: get('to'),
    condition: get('condition') ?? 'any',
    payer: get('payer') ?? 'all',
    program: get('program') ?? 'all',
    caseManager: get('caseManager'),
  };
  return { filters, get, set, search };
}

/** The shared filters of the current URL as a query string, for links to other views. */
export function carryFilters(search: URLSearchParams, extra: Record<string, string | undefined> = {}): string {
  const next = new URLSearchParams();
  for (const key of sharedFilterKeys) {
    const value = search.get(key);
    if (value) next.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) next.set(key, value);
  const qs = next.toString();
  return qs ? `?${qs}` : '';
}

/** Aggregate API parameters from the filters. */
export function aggregateParams(filters: Filters): Record<string, string | undefined> {
  return { from: filters.from, to: filters.to, condition: filters.condition, payer: filters.payer, program: filters.program };
}
