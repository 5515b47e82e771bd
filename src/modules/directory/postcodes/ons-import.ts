import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { Executor } from '../../../db/client.js'
import { parsePostcode } from './postcode.js'
import { upsertCentroids, type Centroid } from './postcodes.repository.js'

/**
 * Loads the ONS Postcode Directory (ONSPD) CSV in its published layout: one row per postcode with columns
 * pcd, pcd2, pcds, dointr, doterm, … lat, long (header names are matched case-insensitively; releases from 2025
 * call pcd/pcd2 pcd7/pcd8). We keep live postcodes with a grid reference; ONS marks "no grid reference" with
 * lat 99.999999 (and long 0.000000).
 */

export type SkipReason = 'invalid-postcode' | 'terminated' | 'no-grid-reference' | 'bad-coordinates'

export type OnsRow = { ok: true; centroid: Centroid } | { ok: false; reason: SkipReason }

export interface ImportSummary {
  loaded: number
  skipped: number
  /** For each reason: how many rows, and the first line numbers (1 is the header) so a person can look. */
  reasons: Partial<Record<SkipReason, { count: number; lines: number[] }>>
}

const postcodeColumns = ['pcds', 'pcd8', 'pcd2', 'pcd7', 'pcd']
const noGridLatitude = 99.999999
const linesKeptPerReason = 20

export class OnsLayoutError extends Error {}

/** Checks the header has what we read, so a wrong file fails on line 1 rather than skipping every row. */
export function checkOnsHeader(columns: string[]): void {
  const missing = ['lat', 'long', 'doterm'].filter((name) => !columns.includes(name))
  if (!postcodeColumns.some((name) => columns.includes(name))) missing.unshift('pcds')
  if (missing.length > 0) throw new OnsLayoutError(`This is not an ONS Postcode Directory CSV: no ${missing.join(', ')} column.`)
}

export function readOnsRow(record: Record<string, string | undefined>): OnsRow {
  const raw = postcodeColumns.map((name) => record[name]).find((value) => value !== undefined && value.trim() !== '')
  const postcode = raw ? parsePostcode(raw) : null
  if (!postcode) return { ok: false, reason: 'invalid-postcode' }
  if ((record.doterm ?? '').trim() !== '') return { ok: false, reason: 'terminated' }
  const latitude = Number(record.lat)
  const longitude = Number(record.long)
  if (record.lat?.trim() === '' || latitude === noGridLatitude) return { ok: false, reason: 'no-grid-reference' }
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    return { ok: false, reason: 'bad-coordinates' }
  }
  return { ok: true, centroid: { postcode: postcode.postcode, district: postcode.outcode, latitude, longitude } }
}

/** Streams the file through, upserting in batches; memory stays flat for the full 2.7 million rows. */
export async function importOnsPostcodes(db: Executor, input: Readable, options: { batchSize?: number } = {}): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 2000
  const summary: ImportSummary = { loaded: 0, skipped: 0, reasons: {} }
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      columns: (header: string[]) => {
        const columns = header.map((name) => name.trim().toLowerCase())
        checkOnsHeader(columns)
        return columns
      },
    }),
  )
  // A postcode twice in one batch would make the upsert touch a row twice, so the batch is keyed by postcode.
  let batch = new Map<string, Centroid>()
  const flush = async (): Promise<void> => {
    if (batch.size === 0) return
    summary.loaded += await upsertCentroids(db, [...batch.values()])
    batch = new Map()
  }
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const row = readOnsRow(record)
    if (row.ok) {
      batch.set(row.centroid.postcode, row.centroid)
      if (batch.size >= batchSize) await flush()
    } else {
      summary.skipped += 1
      const entry = (summary.reasons[row.reason] ??= { count: 0, lines: [] })
      entry.count += 1
      if (entry.lines.length < linesKeptPerReason) entry.lines.push(info.lines)
    }
  }
  await flush()
  return summary
}
