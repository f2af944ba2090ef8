/**
 * Failed sign-ins for user names that do not exist, kept in memory so they lock out
 * exactly like real accounts: the answer never tells whether a name exists.
 */
export class UnknownNameLockout {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly lockMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  isLocked(name: string, now = Date.now()): boolean {
    return (this.entries.get(name)?.lockedUntil ?? 0) > now;
  }

  /** Counts a failure; returns true when the name is now locked. */
  fail(name: string, now = Date.now()): boolean {
    const entry = this.entries.get(name) ?? { failures: 0, lockedUntil: 0 };
    entry.failures++;
    if (entry.failures >= this.maxFailures) {
      entry.failures = 0;
      entry.lockedUntil = now + this.lockMs;
    }
    this.entries.delete(name);
    this.entries.set(name, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry.lockedUntil > now;
  }
}
