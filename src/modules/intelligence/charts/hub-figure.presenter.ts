import { translator, type Language } from '../../../platform/i18n/i18n.js'
import { isSuppressed, type HubChart, type HubTable } from '../hub-table.js'
import { formatCell } from './cell-format.js'
import { renderChart } from './render-chart.js'

interface TableCell {
  text: string
  format?: 'numeric'
}

/** What the `hubFigure` macro prints: everything already translated, so the macro needs no context. */
export interface HubFigureView {
  id: string
  title: string
  summary: string
  /** Said when some counts are "fewer than 5", which the chart leaves out. */
  suppressedNote: string | null
  /** Inline SVG (our own renderer's output, safe to print unescaped), or null for a table without a chart. */
  svg: string | null
  table: { caption: string; captionClasses: string; firstCellIsHeader: boolean; head: TableCell[]; rows: TableCell[][]; attributes: Record<string, string> }
  downloads: { text: string; href: string; hiddenText: string }[]
  downloadsLabel: string
}

export interface FigureOptions {
  lang: Language
  /** Where this page's tables export from ('/hub/export' or '/hub/organisation/export'); null for no links. */
  exportPath: string | null
  /** The page's filter query (e.g. 'from=2025-01-01&issue=…'), so the download holds what the page showed. */
  query?: string
}

function isChart(item: HubChart | HubTable): item is HubChart {
  return 'table' in item
}

const numericKinds = new Set(['count', 'percent', 'days'])

/** A chart (or a bare table) made ready for the page: title, summary, SVG, the same numbers as a table, downloads. */
export async function presentFigure(item: HubChart | HubTable, options: FigureOptions): Promise<HubFigureView> {
  const { lang, exportPath, query } = options
  const t = translator(lang)
  const table = isChart(item) ? item.table : item
  const id = `hub-${table.id}`
  const svg = isChart(item) ? await renderChart(item, lang, `${id}-chart`) : null
  const hasSuppressed = table.rows.some((row) => Object.values(row).some((cell) => isSuppressed(cell)))
  const format = (kind: string): { format?: 'numeric' } => (numericKinds.has(kind) ? { format: 'numeric' } : {})
  const search = query ? `?${query.replace(/^\?/, '')}` : ''
  return {
    id,
    title: table.title,
    summary: table.summary,
    suppressedNote: hasSuppressed ? t(svg ? 'intelligence:charts.suppressedNoteChart' : 'intelligence:charts.suppressedNote') : null,
    svg,
    table: {
      caption: t('intelligence:charts.tableCaption', { title: table.title }),
      captionClasses: 'govuk-table__caption--s',
      firstCellIsHeader: true,
      head: table.columns.map((column) => ({ text: column.label, ...format(column.kind) })),
      rows: table.rows.map((row) => table.columns.map((column) => ({ text: formatCell(row[column.key] ?? null, column, lang), ...format(column.kind) }))),
      attributes: { 'data-table-id': table.id },
    },
    downloads: exportPath
      ? (['csv', 'xlsx'] as const).map((extension) => ({
          text: t(`intelligence:exports.${extension}`),
          href: `${exportPath}/${table.id}.${extension}${search}`,
          hiddenText: t('intelligence:exports.ofTable', { title: table.title }),
        }))
      : [],
    downloadsLabel: t('intelligence:exports.download'),
  }
}

/** Several figures at once, in order. */
export async function presentFigures(items: (HubChart | HubTable)[], options: FigureOptions): Promise<HubFigureView[]> {
  const figures: HubFigureView[] = []
  for (const item of items) figures.push(await presentFigure(item, options))
  return figures
}
