/** An estimate with its 95 % interval beneath it; "no interval" when the engine gives none. */
import type { Interval3 } from './types.ts';
import { formatInterval } from './format.ts';

export function Estimate({ value, interval, format, label }: { value: number | null | undefined; interval: Interval3 | [number, number] | null | undefined; format: (v: number) => string; label?: string }) {
  return (
    <span className="estimate" data-estimate={label}>
      <span className="estimate-value" data-value>{value == null ? '—' : format(value)}</span>
      <span className="estimate-interval" data-interval>
        {interval ? <>95 % CI {formatInterval(interval, format)}</> : value == null ? '' : 'no interval'}
      </span>
    </span>
  );
}
