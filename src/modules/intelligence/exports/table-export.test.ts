import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { HubTable } from '../hub-table.js'
import { exportFilename, neutralise, sheetName, tableCsv, tableXlsx } from './table-export.js'

const hostile: HubTable = {
  id: 'referrals-by-organisation',
  title: 'Referrals by organisation',
  summary: 'Who sent referrals.',
  columns: [
    { key: 'organisation', label: 'Organisation', kind: 'text' },
    { key: 'referrals', label: 'Referrals', kind: 'count' },
    { key: 'accepted', label: 'Accepted', kind: 'percent' },
    { key: 'days', label: 'Median days', kind: 'days' },
  ],
  rows: [
    { organisation: '=HYPERLINK("http://evil.example","click")', referrals: 12, accepted: 50, days: 2.5 },
    { organisation: '+44 Advice', referrals: -3, accepted: 0, days: 0 },
    { organisation: '-Minus Trust', referrals: { suppressed: true }, accepted: { suppressed: true }, days: null },
    { organisation: '@SUM(A1)', referrals: 7, accepted: 42.9, days: 1 },
    { organisation: '\tTabbed', referrals: 8, accepted: 12.5, days: 3 },
    { organisation: '\rReturn', referrals: 9, accepted: 11.1, days: 4 },
    { organisation: 'Plain; "quoted", text', referrals: 10, accepted: 100, days: 0.5 },
  ],
}

const expectedNames = [
  `'=HYPERLINK("http://evil.example","click")`,
  "'+44 Advice",
  "'-Minus Trust",
  "'@SUM(A1)",
  "'\tTabbed",
  "'\rReturn",
  'Plain; "quoted", text',
]

describe('hub table exports', () => {
  it('neutralises anything a spreadsheet would run as a formula, and nothing else', () => {
    for (const text of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) expect(neutralise(text)).toBe(`'${text}`)
    for (const text of ['Foodbank', "'quoted", ' =spaced', '1+1']) expect(neutralise(text)).toBe(text)
  })

  it('writes CSV with neutralised text, numbers as numbers and small counts as "fewer than 5"', () => {
    const csv = tableCsv(hostile, 'en')
    expect(csv.startsWith('\ufeff')).toBe(true)
    const rows: string[][] = parse(csv.slice(1), { relax_column_count: false })
    expect(rows[0]).toEqual(['Organisation', 'Referrals', 'Accepted (%)', 'Median days'])
    expect(rows.slice(1).map((row) => row[0])).toEqual(expectedNames)
    expect(rows[1].slice(1)).toEqual(['12', '50', '2.5'])
    // A negative number is a number, not a formula: it stays as it is.
    expect(rows[2][1]).toBe('-3')
    expect(rows[3].slice(1)).toEqual(['fewer than 5', 'fewer than 5', ''])
    expect(tableCsv(hostile, 'cy')).toContain('llai na 5')
  })

  it('writes XLSX with a titled sheet, neutralised text and real numbers (read back with exceljs)', async () => {
    const bytes = await tableXlsx(hostile, 'en', 'Tower Hamlets: 2026-01-01 – 2026-03-31')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet.name).toBe('Referrals by organisation')
    expect(sheet.getCell('A1').value).toBe('Referrals by organisation')
    expect(sheet.getCell('A2').value).toBe('Tower Hamlets: 2026-01-01 – 2026-03-31')
    expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual(['Organisation', 'Referrals', 'Accepted (%)', 'Median days'])
    const names: unknown[] = []
    for (let row = 5; row <= 11; row++) {
      const cell = sheet.getCell(row, 1)
      expect(cell.type).toBe(ExcelJS.ValueType.String)
      expect(cell.formula).toBeUndefined()
      names.push(cell.value)
    }
    // XML keeps no lone carriage return: that one comes back as a line break, still after the apostrophe.
    expect(names.map((name) => String(name).replace(/\r?\n/, '\r'))).toEqual(expectedNames)
    expect(sheet.getCell(5, 2).value).toBe(12)
    expect(sheet.getCell(5, 4).value).toBe(2.5)
    expect(sheet.getCell(6, 2).value).toBe(-3)
    expect(sheet.getCell(7, 2).value).toBe('fewer than 5')
    expect(sheet.getCell(7, 3).value).toBe('fewer than 5')
  })

  it('names files by network, table and period, and sheets within Excel’s rules', () => {
    expect(exportFilename({ networkSlug: 'tower-hamlets', tableId: 'referrals-by-month', period: { from: '2026-01-01', to: '2026-03-31' } }, 'xlsx')).toBe(
      'tower-hamlets-referrals-by-month-2026-01-01-to-2026-03-31.xlsx',
    )
    expect(exportFilename({ networkSlug: 'Odd "slug"/x', tableId: 'a' }, 'csv')).toBe('odd-slug-x-a.csv')
    expect(sheetName('Referrals: by [area] / issue? and a very long tail')).toBe('Referrals  by  area    issue  a')
    expect(sheetName('Referrals: by [area] / issue? and a very long tail').length).toBeLessThanOrEqual(31)
  })
})
