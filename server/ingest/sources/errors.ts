/** The first line of a DuckDB error, without the long dialect dump read_csv appends. */
export function duckdbMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n').find((line) => line.trim() !== '') ?? message;
  return first.trim();
}
