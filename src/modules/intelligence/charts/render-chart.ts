import { createHash } from 'node:crypto'
import * as vega from 'vega'
import * as vl from 'vega-lite'
import type { TopLevelSpec } from 'vega-lite'
import type { Language } from '../../../platform/i18n/i18n.js'
import { isSuppressed, type HubChart, type HubColumn } from '../hub-table.js'
import { formatCell } from './cell-format.js'

/**
 * Every series colour has at least 3:1 contrast with the white background (WCAG 2.2 non-text contrast),
 * and stacked segments are parted by a white line; colour is never the only key, as the table beside says it all.
 */
export const seriesColours = ['#1d70b8', '#b35c00', '#00703c', '#912b88', '#ca3535', '#505a5f', '#003078', '#28a197']

const font = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
const textColour = '#0b0c0c'
const width = 640

interface Point {
  x: string
  /** null: a suppressed or empty cell on a line, kept so the line breaks there instead of joining its neighbours. */
  y: number | null
  /** Order of first appearance of x (and of the series): the table's order, kept by the chart. */
  order: number
  series?: string
  seriesOrder?: number
}

/**
 * Drawn points: suppressed and empty cells are left out of the picture (the table says "fewer than 5"); on a line
 * over time they stay as gaps, so a hidden month doesn't look like a straight run between its neighbours.
 */
function pointsOf(chart: HubChart, xColumn: HubColumn, lang: Language): Point[] {
  const categories = new Map<string, number>()
  const seriesNames = new Map<string, number>()
  const points: Point[] = []
  for (const row of chart.table.rows) {
    const cell = row[chart.y]
    const y = typeof cell === 'number' ? cell : null
    if (y === null && chart.mark !== 'line') continue
    const x = formatCell(row[chart.x] ?? null, xColumn, lang)
    if (!categories.has(x)) categories.set(x, categories.size)
    const point: Point = { x, y, order: categories.get(x) ?? 0 }
    if (chart.series) {
      const cell = row[chart.series] ?? ''
      const series = isSuppressed(cell) ? '' : String(cell)
      if (!seriesNames.has(series)) seriesNames.set(series, seriesNames.size)
      point.series = series
      point.seriesOrder = seriesNames.get(series)
    }
    points.push(point)
  }
  return points
}

function columnOf(chart: HubChart, key: string): HubColumn {
  const column = chart.table.columns.find((candidate) => candidate.key === key)
  if (!column) throw new Error(`chart ${chart.table.id} has no column ${key}`)
  return column
}

/**
 * The chart's vega-lite spec without its numbers (they come in as the data set 'points'), so the compiled and
 * parsed chart can be kept and reused when only the numbers change (another period, another area).
 */
function specOf(chart: HubChart, categoryCount: number): TopLevelSpec {
  const xColumn = columnOf(chart, chart.x)
  const yColumn = columnOf(chart, chart.y)
  // Names (organisations, issues) read better down the side; dates run along the bottom.
  const horizontal = chart.mark === 'bar' && xColumn.kind === 'text'
  const stacked = chart.mark === 'bar' && yColumn.kind === 'count'
  const inTableOrder = { field: 'order', op: 'min' as const }
  const category = {
    field: 'x',
    type: 'ordinal' as const,
    sort: inTableOrder,
    title: xColumn.label,
    axis: horizontal ? { labelLimit: 280 } : { labelAngle: categoryCount > 8 ? -45 : 0, labelLimit: 120 },
  }
  const value = {
    field: 'y',
    type: 'quantitative' as const,
    title: yColumn.label,
    stack: stacked ? ('zero' as const) : null,
    ...(yColumn.kind === 'percent' ? { scale: { domain: [0, 100] } } : {}),
  }
  const seriesOrder = { field: 'seriesOrder', op: 'min' as const }
  const colour = chart.series
    ? { color: { field: 'series', type: 'nominal' as const, sort: seriesOrder, title: columnOf(chart, chart.series).label, scale: { range: seriesColours } } }
    : {}
  // Bars of several series side by side when they are not parts of one whole (rates, days).
  const offset = chart.series && chart.mark === 'bar' && !stacked ? { [horizontal ? 'yOffset' : 'xOffset']: { field: 'series', sort: seriesOrder } } : {}
  const mark =
    chart.mark === 'bar'
      ? { type: 'bar' as const, color: seriesColours[0], stroke: '#ffffff', strokeWidth: chart.series ? 1 : 0 }
      : { type: 'line' as const, color: seriesColours[0], strokeWidth: 3, point: { size: 50, filled: true }, invalid: 'break-paths-show-domains' as const }
  return {
    data: { name: 'points' },
    mark,
    width,
    height: horizontal ? Math.max(120, categoryCount * 28) : 300,
    autosize: { type: 'fit-x', contains: 'padding' },
    encoding: horizontal ? { y: category, x: value, ...colour, ...offset } : { x: category, y: value, ...colour, ...offset },
    config: {
      aria: false,
      background: '#ffffff',
      font,
      view: { stroke: null },
      axis: { labelFontSize: 14, titleFontSize: 14, labelColor: textColour, titleColor: textColour, domainColor: '#505a5f', tickColor: '#505a5f', gridColor: '#d9d9d9' },
      legend: { orient: 'bottom', labelFontSize: 14, titleFontSize: 14, labelColor: textColour, titleColor: textColour, labelLimit: 240 },
    },
  } as TopLevelSpec
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/**
 * The root element made an image with a name and description, and free to scale to its container (no width or
 * height). Vega's own roles and labels inside are dropped: the image is one thing to a screen reader, and the table
 * beside it holds the numbers.
 */
function accessible(svg: string, id: string, title: string, description: string): string {
  const inner = svg.replace(/ (?:role|aria-[a-z]+)="[^"]*"/g, '')
  return inner.replace(/^<svg([^>]*)>/, (_match, attributes: string) => {
    const viewBox = /viewBox="([^"]*)"/.exec(attributes)?.[1] ?? ''
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" class="app-hub-chart" viewBox="${viewBox}" preserveAspectRatio="xMinYMin meet"` +
      ` role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
      `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`
    )
  })
}

const cacheLimit = 500

/** A small map that forgets its oldest entry when full. */
function boundedCache<T>(): { get(key: string): T | undefined; set(key: string, value: T): void } {
  const entries = new Map<string, T>()
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      if (entries.size >= cacheLimit) entries.delete(entries.keys().next().value as string)
      entries.set(key, value)
    },
  }
}

const drawings = boundedCache<string>()
const runtimes = boundedCache<vega.Runtime>()

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('base64')

/** Compiling and parsing cost more than drawing: done once per chart shape, whatever its numbers. */
function runtimeOf(spec: TopLevelSpec): vega.Runtime {
  const key = hash(spec)
  let runtime = runtimes.get(key)
  if (!runtime) {
    runtime = vega.parse(vl.compile(spec).spec)
    runtimes.set(key, runtime)
  }
  return runtime
}

/**
 * The chart as an inline SVG, drawn on the server (vega-lite → vega, no browser, no script, no requests).
 * The same chart drawn again (a page reloaded, the roll-up unchanged) comes from a cache keyed by its content.
 */
export async function renderChart(chart: HubChart, lang: Language, id = `hub-chart-${chart.table.id}`): Promise<string> {
  const key = hash([chart, lang, id])
  const cached = drawings.get(key)
  if (cached !== undefined) return cached
  const points = pointsOf(chart, columnOf(chart, chart.x), lang)
  const categoryCount = new Set(points.map((point) => point.x)).size
  const view = new vega.View(runtimeOf(specOf(chart, categoryCount)), { renderer: 'none' }).data('points', points)
  try {
    const svg = accessible(await view.toSVG(), id, chart.table.title, chart.table.summary)
    drawings.set(key, svg)
    return svg
  } finally {
    view.finalize()
  }
}
