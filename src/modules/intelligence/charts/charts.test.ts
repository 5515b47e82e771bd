import { describe, expect, it } from 'vitest'
import type { HubChart, HubTable } from '../hub-table.js'
import { formatCell } from './cell-format.js'
import { presentFigure } from './hub-figure.presenter.js'
import { renderChart, seriesColours } from './render-chart.js'
import nunjucks from 'nunjucks'
import { configureNunjucks, nunjucksOptions, templatePaths } from '../../../platform/views/nunjucks.js'

const byMonth: HubTable = {
  id: 'referrals-by-month',
  title: 'Referrals sent by month',
  summary: 'Referrals rose from 12 in January to 30 in March.',
  columns: [
    { key: 'month', label: 'Month', kind: 'date' },
    { key: 'referrals', label: 'Referrals', kind: 'count' },
  ],
  rows: [
    { month: '2026-01', referrals: 12 },
    { month: '2026-02', referrals: 21 },
    { month: '2026-03', referrals: 30 },
  ],
}

const byArea: HubTable = {
  id: 'referrals-by-area',
  title: 'Referrals by area',
  summary: 'Most referrals came from E14.',
  columns: [
    { key: 'area', label: 'Postcode district', kind: 'text' },
    { key: 'referrals', label: 'Referrals', kind: 'count' },
    { key: 'accepted', label: 'Accepted', kind: 'percent' },
    { key: 'days', label: 'Median days to contact', kind: 'days' },
  ],
  rows: [
    { area: 'E14', referrals: 1204, accepted: 61.25, days: 3.5 },
    { area: 'E1', referrals: { suppressed: true }, accepted: { suppressed: true }, days: null },
    { area: 'E3', referrals: 9, accepted: 100, days: 1 },
  ],
}

/** The drawn bars: vega writes each as a path inside the rect-mark group. */
function barsIn(svg: string): number {
  const group = /<g class="mark-rect[^"]*"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? ''
  return (group.match(/<path /g) ?? []).length
}

describe('hub charts', () => {
  it('draws an SVG image named by its title and described by its summary, that scales with its container', async () => {
    const svg = await renderChart({ table: byMonth, mark: 'bar', x: 'month', y: 'referrals' }, 'en')
    const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? ''
    expect(root).toContain('role="img"')
    expect(root).toContain('aria-labelledby="hub-chart-referrals-by-month-title hub-chart-referrals-by-month-desc"')
    expect(root).toMatch(/viewBox="0 0 \d+ \d+"/)
    expect(root).not.toMatch(/\swidth=/)
    expect(svg).toContain('<title id="hub-chart-referrals-by-month-title">Referrals sent by month</title>')
    expect(svg).toContain('<desc id="hub-chart-referrals-by-month-desc">Referrals rose from 12 in January to 30 in March.</desc>')
    expect(barsIn(svg)).toBe(3)
    expect(svg).toContain('Jan 2026')
    expect(svg).not.toMatch(/<script|style=|href=/)
    // One image to a screen reader: no roles or labels inside it for axe to ask names of.
    expect(svg.match(/ role=/g)).toHaveLength(1)
    expect(svg.slice(root.length)).not.toMatch(/ aria-/)
    expect(svg).toContain(`fill="${seriesColours[0]}"`)
  })

  it('leaves suppressed and empty cells out of the picture and escapes what it prints', async () => {
    const table = { ...byArea, title: 'Areas <b>&</b> "demand"' }
    const svg = await renderChart({ table, mark: 'bar', x: 'area', y: 'referrals' }, 'en', 'areas')
    expect(barsIn(svg)).toBe(2)
    expect(svg).toContain('<title id="areas-title">Areas &#60;b&#62;&#38;&#60;/b&#62; &#34;demand&#34;</title>')
    const hostile = { ...byArea, rows: [{ ...byArea.rows[0], area: '<img src=x onerror=alert(1)> & "E1"' }] }
    const labelled = await renderChart({ table: hostile, mark: 'bar', x: 'area', y: 'referrals' }, 'en', 'hostile')
    expect(labelled).not.toContain('<img')
    expect(labelled).toContain('>&lt;img src=x onerror=alert')
    const line = await renderChart({ table: byArea, mark: 'line', x: 'area', y: 'days' }, 'cy', 'line')
    expect(line).toContain('mark-line')
  })

  it('breaks a line where a month is suppressed instead of joining its neighbours, and keeps the month on the axis', async () => {
    const months: HubTable = {
      ...byMonth,
      id: 'gappy',
      rows: [
        { month: '2026-01', referrals: 12 },
        { month: '2026-02', referrals: { suppressed: true } },
        { month: '2026-03', referrals: 9 },
        { month: '2026-04', referrals: 15 },
      ],
    }
    const svg = await renderChart({ table: months, mark: 'line', x: 'month', y: 'referrals' }, 'en', 'gappy')
    const path = /class="mark-line[^"]*"[^>]*>\s*<path[^>]* d="([^"]+)"/.exec(svg)?.[1] ?? ''
    // Two pieces of line: January alone, then March to April.
    expect(path.match(/M/g)).toHaveLength(2)
    expect(svg).toMatch(/>Feb 2026</)
  })

  it('draws several series with the brand colours and the same chart twice from the cache', async () => {
    const table: HubTable = {
      ...byMonth,
      id: 'by-issue',
      columns: [...byMonth.columns, { key: 'issue', label: 'Issue', kind: 'text' }],
      rows: [
        { month: '2026-01', referrals: 5, issue: 'Debt' },
        { month: '2026-01', referrals: 7, issue: 'Food' },
        { month: '2026-02', referrals: 6, issue: 'Debt' },
      ],
    }
    const chart: HubChart = { table, mark: 'bar', x: 'month', y: 'referrals', series: 'issue' }
    const svg = await renderChart(chart, 'en')
    expect(barsIn(svg)).toBe(3)
    expect(svg).toContain(`fill="${seriesColours[1]}"`)
    expect(svg).toContain('Food')
    const started = performance.now()
    expect(await renderChart(chart, 'en')).toBe(svg)
    expect(performance.now() - started).toBeLessThan(20)
  })

  it('keeps the table’s order, and draws new numbers for a chart of the same shape', async () => {
    const chart: HubChart = { table: { ...byMonth, id: 'order' }, mark: 'bar', x: 'month', y: 'referrals' }
    const first = await renderChart(chart, 'en')
    const reversed = await renderChart({ ...chart, table: { ...chart.table, rows: [...byMonth.rows].reverse() } }, 'en')
    const labels = (svg: string): string[] => [...svg.matchAll(/>((?:Jan|Feb|Mar) 2026)</g)].map((match) => match[1])
    expect(labels(first)).toEqual(['Jan 2026', 'Feb 2026', 'Mar 2026'])
    expect(labels(reversed)).toEqual(['Mar 2026', 'Feb 2026', 'Jan 2026'])
    const bigger = await renderChart({ ...chart, table: { ...chart.table, rows: byMonth.rows.map((row) => ({ ...row, referrals: Number(row.referrals) * 100 })) } }, 'en')
    expect(bigger).not.toBe(first)
    expect(bigger).toContain('>3,000<')
    expect(first).not.toContain('>3,000<')
  })

  it('formats cells as people read them, in English and Welsh', () => {
    const [, count, percent, days] = byArea.columns
    expect(formatCell(1204, count, 'en')).toBe('1,204')
    expect(formatCell({ suppressed: true }, count, 'en')).toBe('fewer than 5')
    expect(formatCell({ suppressed: true }, count, 'cy')).toBe('llai na 5')
    expect(formatCell(61.25, percent, 'en')).toBe('61.3%')
    expect(formatCell(3.5, days, 'en')).toBe('3.5 days')
    expect(formatCell(1, days, 'en')).toBe('1 day')
    expect(formatCell('2026-03', byMonth.columns[0], 'en')).toBe('Mar 2026')
    expect(formatCell(null, days, 'en')).toBe('no data')
  })

  it('presents a figure whose table holds the same numbers, with downloads carrying the page’s filters', async () => {
    const figure = await presentFigure(
      { table: byArea, mark: 'bar', x: 'area', y: 'referrals' },
      { lang: 'en', exportPath: '/hub/export', query: 'from=2026-01-01&issue=abc' },
    )
    expect(figure.table.head.map((cell) => cell.text)).toEqual(['Postcode district', 'Referrals', 'Accepted', 'Median days to contact'])
    expect(figure.table.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['E14', '1,204', '61.3%', '3.5 days'],
      ['E1', 'fewer than 5', 'fewer than 5', 'no data'],
      ['E3', '9', '100%', '1 day'],
    ])
    expect(figure.suppressedNote).toContain('fewer than 5')
    expect(figure.downloads.map((download) => download.href)).toEqual([
      '/hub/export/referrals-by-area.csv?from=2026-01-01&issue=abc',
      '/hub/export/referrals-by-area.xlsx?from=2026-01-01&issue=abc',
    ])

    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatePaths), nunjucksOptions)
    configureNunjucks(env)
    const html = env.renderString('{% from "intelligence/charts/views/hub-figure.njk" import hubFigure %}{{ hubFigure(figure) }}', { figure })
    expect(html).toContain('<h2 class="govuk-heading-m" id="hub-referrals-by-area-heading">Referrals by area</h2>')
    expect(html).toContain('role="img"')
    expect(html).toContain('<td class="govuk-table__cell govuk-table__cell--numeric">fewer than 5</td>')
    expect(html).toContain('href="/hub/export/referrals-by-area.csv?from=2026-01-01&amp;issue=abc"')
    expect(html).toContain('<span class="govuk-visually-hidden"> of Referrals by area</span>')
  })

  it('presents a table without a chart and without downloads when asked', async () => {
    const figure = await presentFigure(byMonth, { lang: 'cy', exportPath: null })
    expect(figure.svg).toBeNull()
    expect(figure.downloads).toEqual([])
    expect(figure.suppressedNote).toBeNull()
    expect(figure.table.caption).toBe('Referrals sent by month: y ffigurau')
  })
})
