/**
 * An attacker's view of published aggregates: each published number is a linear equation
 * over the hidden cell values. A hidden number is exactly derivable when its equation is a
 * linear combination of the published ones (the rank does not grow when it is added).
 */
export type Equation = Map<string, number>;

/** Rank of the rows (Gaussian elimination with partial pivoting). */
export function rank(rows: Equation[], keys: string[]): number {
  const m = rows.map((r) => keys.map((k) => r.get(k) ?? 0));
  let r = 0;
  for (let c = 0; c < keys.length && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[pivot][c])) pivot = i;
    if (Math.abs(m[pivot][c]) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i][c] / m[r][c];
      if (f !== 0) for (let j = c; j < keys.length; j++) m[i][j] -= f * m[r][j];
    }
    r++;
  }
  return r;
}

/** The hidden equations that the published ones determine exactly. */
export function derivable(published: Equation[], hidden: { label: string; equation: Equation }[]): string[] {
  const keys = [...new Set([...published, ...hidden.map((h) => h.equation)].flatMap((e) => [...e.keys()]))];
  const base = rank(published, keys);
  return hidden.filter((h) => rank([...published, h.equation], keys) === base).map((h) => h.label);
}
