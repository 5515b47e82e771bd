/**
 * What every measure in the intelligence hub hands to the page, the chart and the exports: a titled table.
 * Charts draw it, the page prints it beside the chart, CSV/XLSX export it — so the numbers are the same everywhere.
 */

/** A count under the suppression threshold in an area or organisation breakdown: shown as "fewer than 5". */
export interface Suppressed {
  suppressed: true
}

export type HubCell = string | number | null | Suppressed

export interface HubColumn {
  key: string
  /** Already translated. */
  label: string
  /** How to show and export the value: 'percent' is 0–100, 'days' may be fractional. */
  kind: 'text' | 'count' | 'percent' | 'days' | 'date'
}

export interface HubTable {
  /** Stable slug, used in export URLs (e.g. 'referrals-by-month'). */
  id: string
  /** Already translated. */
  title: string
  /** One or two plain sentences saying what the table shows (read by screen readers beside the chart). */
  summary: string
  columns: HubColumn[]
  rows: Record<string, HubCell>[]
}

/** How to draw a table; the chart never holds numbers the table doesn't. */
export interface HubChart {
  table: HubTable
  mark: 'bar' | 'line'
  /** Column keys. */
  x: string
  y: string
  /** A column whose values split the marks into series (colours). */
  series?: string
}

export function isSuppressed(cell: HubCell): cell is Suppressed {
  return typeof cell === 'object' && cell !== null && 'suppressed' in cell
}
