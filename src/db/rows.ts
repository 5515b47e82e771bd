import { getTableColumns, type SQL, type Table } from 'drizzle-orm'
import type { Executor } from './client.js'

/** The rows of a raw statement: both drivers answer db.execute with { rows }. */
export async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

/**
 * A table's row as `row_to_json` gives it (snake_case keys, timestamps as text), mapped as drizzle maps what the
 * driver returns: for rows nested in another query's json_agg, so a page's lookups can share one statement.
 */
export function rowFromJson<T extends Table>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {}
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name]
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value)
  }
  return row as T['$inferSelect']
}

/** A json column as either driver returns it: node-postgres parses it, PGlite may hand back the text. */
export function parsedJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}
