/**
 * Small-cell suppression of a table of counts (CMS cell-size policy): a count from 1 to
 * threshold−1 is hidden (primary suppression; 0 is shown), and more cells are hidden until
 * no hidden value can be worked out from the shown ones (complementary suppression).
 *
 * The table's arithmetic is given as additive relations, total = Σ parts (all = managed +
 * unmanaged + other; a period = its months; ED visits = treat-and-release + leading to
 * admission; …). In every relation, repeated to a fixed point:
 *  - exactly one hidden cell would be derivable by subtraction → hide another;
 *  - when the total is shown, the hidden parts' sum is derivable → if that sum is itself
 *    a small count (1 … threshold−1), hide another part.
 * The cell hidden next is the shown non-zero part that leaves the fewest other relations
 * needing more cells hidden (so hidden cells line up across columns, months and slices),
 * the smallest such part first (least information lost); the total only when no part is left. Cells marked fixed (decided in an earlier pass, e.g. months when period totals
 * are decided) keep their state. `links` hide a cell whenever another is hidden (a dollar
 * amount with the count of people it belongs to).
 */

export interface Relation {
  total: number;
  parts: number[];
}

export interface SuppressionTable {
  /** Cell values (counts, or amounts for cells that are not counts). */
  values: ArrayLike<number>;
  /** Whether a cell is a count (primary rule and small-sum rule apply); default all. */
  isCount?: (cell: number) => boolean;
  relations: Relation[];
  /** [from, to]: hide `to` whenever `from` is hidden. */
  links?: [number, number][];
  /** Cells whose hidden state is given (in `hidden`) and must not change. */
  fixed?: ArrayLike<boolean | number>;
  /** Initial hidden state of fixed cells. */
  hidden?: ArrayLike<boolean | number>;
}

export interface SuppressionResult {
  hidden: Uint8Array;
  /** Relations that could not be protected (no shown cell left to hide); empty in practice. */
  unprotected: Relation[];
}

/** True when a count must be hidden on its own. */
export function isSmallCount(value: number, threshold: number): boolean {
  return value >= 1 && value < threshold;
}

/** Decides which cells to hide. */
export function suppressCells(table: SuppressionTable, threshold: number): SuppressionResult {
  const n = table.values.length;
  const value = (i: number) => Number(table.values[i]) || 0;
  const isCount = table.isCount ?? (() => true);
  const fixed = (i: number) => Boolean(table.fixed?.[i]);
  const hidden = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    hidden[i] = fixed(i) ? (table.hidden?.[i] ? 1 : 0) : isCount(i) && isSmallCount(value(i), threshold) ? 1 : 0;
  }
  const unprotected = new Set<Relation>();
  const needsMore = (r: Relation): boolean => {
    let count = hidden[r.total] ? 1 : 0;
    let sum = 0;
    for (const p of r.parts) {
      if (hidden[p]) {
        count++;
        sum += value(p);
      }
    }
    if (count === 0) return false;
    if (count === 1) return true;
    return !hidden[r.total] && isCount(r.total) && isSmallCount(sum, threshold);
  };
  const relationsOf: Relation[][] = Array.from({ length: n }, () => []);
  for (const r of table.relations) for (const cell of [r.total, ...r.parts]) relationsOf[cell].push(r);
  /** Other relations that hiding `cell` would leave needing more cells hidden. */
  const knockOn = (cell: number, from: Relation): number => {
    const before = relationsOf[cell].map((r) => r !== from && needsMore(r));
    hidden[cell] = 1;
    const cost = relationsOf[cell].filter((r, i) => r !== from && !before[i] && needsMore(r)).length;
    hidden[cell] = 0;
    return cost;
  };
  const candidate = (r: Relation): number => {
    let best = -1;
    let bestCost = 0;
    for (const p of r.parts) {
      if (hidden[p] || fixed(p) || value(p) === 0) continue;
      const cost = knockOn(p, r);
      if (best < 0 || cost < bestCost || (cost === bestCost && value(p) < value(best))) {
        best = p;
        bestCost = cost;
      }
    }
    if (best < 0 && !hidden[r.total] && !fixed(r.total) && value(r.total) !== 0) best = r.total;
    return best;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, to] of table.links ?? []) {
      if (hidden[from] && !hidden[to] && !fixed(to) && value(to) !== 0) {
        hidden[to] = 1;
        changed = true;
      }
    }
    for (const r of table.relations) {
      while (needsMore(r)) {
        const next = candidate(r);
        if (next < 0) {
          unprotected.add(r);
          break;
        }
        hidden[next] = 1;
        changed = true;
      }
    }
  }
  return { hidden, unprotected: [...unprotected].filter(needsMore) };
}
