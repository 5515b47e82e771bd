import { z } from 'zod'

/** What the export addresses accept. Anything unexpected in the filters falls back to "not filtered", never an error. */

export const exportFormats = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof exportFormats)[number]

/** 'referrals-by-month.csv' → the table's id and the format; anything else is not found. */
export function parseExportFile(file: unknown): { tableId: string; format: ExportFormat } | null {
  const match = typeof file === 'string' ? /^([a-z0-9][a-z0-9-]{0,79})\.(csv|xlsx)$/.exec(file) : null
  return match ? { tableId: match[1], format: match[2] as ExportFormat } : null
}

const optionalDate = z.iso.date().optional().catch(undefined)

export const extractQuerySchema = z.object({
  /** Referrals sent from this date, and up to and including this one (UK dates). */
  from: optionalDate,
  to: optionalDate,
})
export type ExtractQuery = z.infer<typeof extractQuerySchema>

/** The table export id the anonymised referral-level extract answers to. */
export const extractTableId = 'referrals'
