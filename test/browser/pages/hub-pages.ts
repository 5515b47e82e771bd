import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { PageObject, visit } from './page-object.js'

export interface ShownFigure {
  tableId: string
  title: string
  /** The chart's accessible name (its SVG title), or null for a figure that is a table only. */
  chartName: string | null
  rows: string[][]
}

/** What the hub pages share: figures with charts and tables, and their downloads. */
abstract class HubFigures extends PageObject {
  /** Every figure on the page: its table's rows (header first) and whether a named chart stands beside it. */
  async figures(): Promise<ShownFigure[]> {
    const shown: ShownFigure[] = []
    for (const figure of await this.page.locator('section.app-hub-figure').all()) {
      const table = figure.locator('table[data-table-id]')
      const chart = figure.locator('svg[role="img"]')
      const rows: string[][] = []
      for (const row of await table.locator('tr').all()) rows.push((await row.locator('th, td').allInnerTexts()).map((text) => text.trim()))
      shown.push({
        tableId: (await table.getAttribute('data-table-id')) ?? '',
        title: (await figure.locator('h3').innerText()).trim(),
        chartName: (await chart.count()) > 0 ? await chart.locator('title').textContent() : null,
        rows,
      })
    }
    return shown
  }

  /** Clicks the figure's CSV link and reads the file the browser saved. */
  async downloadCsv(tableId: string): Promise<{ filename: string; text: string }> {
    const link = this.page.locator(`section#hub-${tableId} a[href*="/export/${tableId}.csv"]`)
    const [download] = await Promise.all([this.page.waitForEvent('download'), link.click()])
    const file = await download.path()
    return { filename: download.suggestedFilename(), text: await readFile(file, 'utf8') }
  }
}

/** The network dashboard (coordinator, analyst). */
export class HubDashboardPage extends HubFigures {
  readonly address = /^\/hub(\?.*)?$/

  static open(page: Page): Promise<HubDashboardPage> {
    return visit(page, '/hub', HubDashboardPage)
  }

  /** Narrows every figure to one issue and one postcode district with the filter form (a GET form, no script). */
  async narrowTo(filters: { issue: string; area: string }): Promise<HubDashboardPage> {
    await this.page.getByLabel('Issue', { exact: true }).selectOption({ label: filters.issue })
    await this.field('Area (postcode district)').fill(filters.area)
    return this.submit('Apply filters', HubDashboardPage)
  }
}

/** An organisation admin's printable impact report. */
export class ImpactReportPage extends HubFigures {
  readonly address = /^\/hub\/impact(\?.*)?$/

  static open(page: Page): Promise<ImpactReportPage> {
    return visit(page, '/hub/impact', ImpactReportPage)
  }
}
