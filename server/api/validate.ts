/** Parsing request parameters with zod, turning failures into the API's 400 body. */
import { z } from 'zod';

export interface Issue {
  path: string;
  message: string;
}

/** A request the schemas reject: 400 with `{ error, issues: [{ path, message }] }`. */
export class RequestError extends Error {
  constructor(readonly issues: Issue[]) {
    super(`Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'RequestError';
  }
}

/** Parses `input` with `schema`; unknown keys are rejected so a misspelt parameter is never silently ignored. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, where: 'query' | 'path' | 'body'): T {
  const issues: Issue[] = [];
  if (schema instanceof z.ZodObject && input && typeof input === 'object') {
    const known = new Set(Object.keys(schema.shape));
    for (const key of Object.keys(input)) {
      if (!known.has(key)) issues.push({ path: key, message: `unknown ${where} parameter` });
    }
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      issues.push({ path: issue.path.map(String).join('.') || '(root)', message: issue.message });
    }
  }
  if (issues.length > 0) throw new RequestError(issues);
  return (result as { data: T }).data;
}
