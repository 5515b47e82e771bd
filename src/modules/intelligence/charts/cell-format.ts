import { dateFormat } from '../../../platform/i18n/date-format.js'
import { translator, type Language } from '../../../platform/i18n/i18n.js'
import { isSuppressed, type HubCell, type HubColumn } from '../hub-table.js'

const numberFormats = new Map<string, Intl.NumberFormat>()

function numberFormat(lang: Language, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}:${maximumFractionDigits}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits })
    numberFormats.set(key, format)
  }
  return format
}

const locale = (lang: Language): string => (lang === 'cy' ? 'cy-GB' : 'en-GB')

/** 'YYYY-MM' is a month ('January 2026'), 'YYYY-MM-DD' a day or the week starting then ('5 Jan 2026'). */
function formatDateCell(value: string, lang: Language): string {
  if (/^\d{4}-\d{2}$/.test(value)) {
    return dateFormat(locale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}-15T12:00:00Z`))
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return dateFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}T12:00:00Z`))
  }
  return value
}

/** A cell as people read it on the page: "fewer than 5", "42.5%", "3.5 days", "1,204". */
export function formatCell(cell: HubCell, column: HubColumn, lang: Language): string {
  const t = translator(lang)
  if (isSuppressed(cell)) return t('intelligence:charts.suppressed')
  if (cell === null || cell === '') return t('intelligence:charts.noValue')
  if (typeof cell === 'string') return column.kind === 'date' ? formatDateCell(cell, lang) : cell
  switch (column.kind) {
    case 'percent':
      return `${numberFormat(lang, 1).format(cell)}%`
    case 'days':
      return t('intelligence:charts.days', { count: cell, days: numberFormat(lang, 1).format(cell) })
    default:
      return numberFormat(lang, 1).format(cell)
  }
}
