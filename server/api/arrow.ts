/** Arrow IPC stream encoding of row objects, for large tables the client asks for with Accept. */
import { Bool, Field, Float64, List, Table, Utf8, vectorFromArray, tableToIPC, type DataType, type Vector } from 'apache-arrow';
import type { Row } from '../engine/db.ts';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

/** The Arrow type of a column from its JS values: numbers → Float64, booleans → Bool, lists → List<Utf8>, the rest (dates, text, all-null) → Utf8. */
function columnType(values: unknown[]): DataType {
  const sample = values.find((v) => v != null);
  if (typeof sample === 'number') return new Float64();
  if (typeof sample === 'boolean') return new Bool();
  if (Array.isArray(sample)) return new List(new Field('item', new Utf8(), true));
  return new Utf8();
}

function cell(value: unknown, type: DataType): unknown {
  if (value == null) return null;
  if (type instanceof List) return (value as unknown[]).map((v) => (v == null ? null : String(v)));
  if (type instanceof Utf8) return String(value);
  return value;
}

/** Encodes rows as an Arrow IPC stream; `columns` gives the column order (and the schema when there are no rows). */
export function rowsToArrow(rows: Row[], columns: string[] = rows[0] ? Object.keys(rows[0]) : []): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const name of columns) {
    const raw = rows.map((r) => r[name]);
    const type = columnType(raw);
    vectors[name] = vectorFromArray(raw.map((v) => cell(v, type)) as never[], type) as Vector;
  }
  return tableToIPC(new Table(vectors), 'stream');
}
