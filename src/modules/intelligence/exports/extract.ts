import { PassThrough, Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { Executor } from '../../../db/client.js'
import { ukDate } from '../../../platform/i18n/date-format.js'
import { translator, type Language } from '../../../platform/i18n/i18n.js'
import { workingDaysBetween, type Nation } from '../../referrals/sla/working-days.js'
import { listExtractRows, type ExtractCursor, type ExtractFilter, type ExtractRow } from './extract.repository.js'
import { csvBom, neutralise, sheetName, type ExportValue } from './table-export.js'

/**
 * The anonymised referral-level extract (decision 0013): one row per referral, with nothing that names or
 * reaches a person — no reference, no client, no dates of birth (an age band), no postcode (its district),
 * no notes or justifications (free text can hold names); sent month, not day.
 */

export const extractBatchSize = 2000

const columnKeys = [
  'sentMonth',
  'fromOrganisation',
  'fromOrganisationType',
  'toOrganisation',
  'toOrganisationType',
  'service',
  'issues',
  'status',
  'outcome',
  'declineReason',
  'urgency',
  'workingDaysToContact',
  'withinSla',
  'ageBand',
  'district',
] as const

const awaitingContact = new Set(['sent', 'received', 'accepted'])

export function extractHeader(lang: Language): string[] {
  const t = translator(lang)
  return columnKeys.map((key) => t(`intelligence:exports.extract.columns.${key}`))
}

/** One referral as an extract row; `today` decides whether an uncontacted referral has already missed its date. */
export function extractValues(row: ExtractRow, context: { lang: Language; nation: Nation; today: string }): ExportValue[] {
  const t = translator(context.lang)
  const sentOn = ukDate(row.sentAt)
  const contactedOn = row.contactedAt ? ukDate(row.contactedAt) : null
  const withinSla = contactedOn
    ? t(`intelligence:exports.extract.${contactedOn <= row.contactDueOn ? 'yes' : 'no'}`)
    : awaitingContact.has(row.status) && row.contactDueOn < context.today
      ? t('intelligence:exports.extract.no')
      : ''
  const codes = (key: string, value: string | null): string =>
    value
      ? value
          .split(',')
          .map((code) => t(`${key}.${code}`))
          .join('; ')
      : ''
  const values: ExportValue[] = [
    sentOn.slice(0, 7),
    neutralise(row.fromOrganisation),
    t(`networks:types.${row.fromOrganisationType}`),
    neutralise(row.toOrganisation),
    t(`networks:types.${row.toOrganisationType}`),
    neutralise(row.service),
    neutralise(row.issues ?? ''),
    t(`referrals:status.${row.status}`),
    codes('referrals:outcomes', row.outcome),
    codes('referrals:declineReasons', row.declineReason),
    t(`referrals:urgency.${row.urgency}`),
    contactedOn ? workingDaysBetween(sentOn, contactedOn, context.nation) : '',
    withinSla,
    row.ageBand === 'under-18' ? t('intelligence:exports.extract.under18') : (row.ageBand ?? t('intelligence:exports.extract.unknown')),
    row.district ?? t('intelligence:exports.extract.unknown'),
  ]
  return values
}

/** Every row of the extract, a batch at a time. */
export async function* extractBatches(db: Executor, filter: ExtractFilter): AsyncGenerator<ExtractRow[]> {
  let after: ExtractCursor | null = null
  for (;;) {
    const rows = await listExtractRows(db, filter, after, extractBatchSize)
    if (rows.length === 0) return
    yield rows
    const last = rows[rows.length - 1]
    after = { sentAt: last.cursor, id: last.id }
    if (rows.length < extractBatchSize) return
  }
}

export interface ExtractContext {
  lang: Language
  nation: Nation
  today: string
}

export function extractCsvStream(batches: AsyncIterable<ExtractRow[]>, context: ExtractContext): Readable {
  async function* chunks(): AsyncGenerator<string> {
    yield csvBom + stringify([extractHeader(context.lang)], { record_delimiter: 'windows' })
    for await (const rows of batches) {
      yield stringify(
        rows.map((row) => extractValues(row, context)),
        { record_delimiter: 'windows' },
      )
    }
  }
  return Readable.from(chunks())
}

/** Written row by row with exceljs's streaming writer: a 200,000-row extract never sits in memory whole. */
export function extractXlsxStream(batches: AsyncIterable<ExtractRow[]>, context: ExtractContext): Readable {
  const output = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true })
  const sheet = workbook.addWorksheet(sheetName(translator(context.lang)('intelligence:exports.extract.title')))
  void (async () => {
    const header = sheet.addRow(extractHeader(context.lang))
    header.font = { bold: true }
    header.commit()
    for await (const rows of batches) {
      for (const row of rows) sheet.addRow(extractValues(row, context)).commit()
    }
    sheet.commit()
    await workbook.commit()
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))))
  return output
}
