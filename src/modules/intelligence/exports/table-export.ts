import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { translator, type Language } from '../../../platform/i18n/i18n.js'
import { isSuppressed, type HubCell, type HubColumn, type HubTable } from '../hub-table.js'

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, or a leading tab or carriage return) gets a leading
 * apostrophe, so it shows as the text it is. Numbers are left as numbers: they are never formulas.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

export type ExportValue = string | number

/** One cell as exported: numbers stay numbers (percent 0–100, days may be fractional), text is neutralised. */
export function exportValue(cell: HubCell, lang: Language): ExportValue {
  if (isSuppressed(cell)) return translator(lang)('intelligence:charts.suppressed')
  if (cell === null) return ''
  if (typeof cell === 'number') return cell
  return neutralise(cell)
}

function headerOf(column: HubColumn, lang: Language): string {
  return neutralise(column.kind === 'percent' ? `${column.label} (%)` : column.label)
}

export function exportRows(table: HubTable, lang: Language): ExportValue[][] {
  return [
    table.columns.map((column) => headerOf(column, lang)),
    ...table.rows.map((row) => table.columns.map((column) => exportValue(row[column.key] ?? null, lang))),
  ]
}

/** UTF-8 with a byte-order mark, so Excel opens Welsh and other accented text correctly. */
export const csvBom = '\ufeff'

export function tableCsv(table: HubTable, lang: Language): string {
  return csvBom + stringify(exportRows(table, lang), { record_delimiter: 'windows' })
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Sheet1'
}

export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A workbook of one sheet named after the table: its title, a line saying what it covers, then the table. */
export async function tableXlsx(table: HubTable, lang: Language, subtitle: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'No Wrong Door'
  const sheet = workbook.addWorksheet(sheetName(table.title))
  sheet.addRow([neutralise(table.title)]).font = { bold: true, size: 14 }
  sheet.addRow([neutralise(subtitle)])
  sheet.addRow([])
  const [header, ...rows] = exportRows(table, lang)
  sheet.addRow(header).font = { bold: true }
  for (const row of rows) sheet.addRow(row)
  table.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1)
    sheetColumn.width = Math.min(40, Math.max(12, column.label.length + 4))
    if (column.kind === 'percent' || column.kind === 'days') sheetColumn.numFmt = '0.0'
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** e.g. 'tower-hamlets-referrals-by-month-2025-01-01-to-2025-12-31.csv': network, table and period, safe anywhere. */
export function exportFilename(parts: { networkSlug: string; tableId: string; period?: { from: string; to: string } }, extension: 'csv' | 'xlsx'): string {
  const period = parts.period ? `-${parts.period.from}-to-${parts.period.to}` : ''
  const name = `${parts.networkSlug}-${parts.tableId}${period}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-')
  return `${name}.${extension}`
}
