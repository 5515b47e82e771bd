import type { Executor } from '../../../db/client.js'
import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import type { HubCell, HubChart, HubColumn, HubTable } from '../hub-table.js'
import { gapCounts, organisationsOnboarded, pausedServices, type CountRow, type FactFilter, type Granularity, type Snapshot } from './dashboard.repository.js'
import { countCell, protectColumn, rateCell, statisticCell } from './suppression.js'

/**
 * Each measure of the hub as a HubTable (and a HubChart where it is drawn), built from the repository's counts
 * with suppression applied (suppression.ts). The page, the charts and the exports all take these unchanged.
 */

export type Figure = HubChart | HubTable

/** What the page's one scan gave (dashboard.repository's measureSnapshot), with the names to show. */
export interface MeasureData {
  snapshot: Snapshot
  organisationNames: Map<string, string>
  termNames: Map<string, { name: string; nameCy: string }>
  serviceNames: Map<string, { name: string; organisationName: string }>
}

/** Everything but the scan's data: enough for the measures that read their own small tables (gaps, pauses). */
export type BaseContext = Omit<MeasureContext, 'data'>

export interface MeasureContext {
  db: Executor
  data: MeasureData
  t: Translate
  lang: Language
  filter: FactFilter
  granularity: Granularity
  today: string
  now: Date
  /**
   * Suppress every count, not only area and organisation breakdowns: set when the filters narrow to an area,
   * an organisation or an organisation type, as the whole page is then such a breakdown.
   */
  narrowed: boolean
}

const k = (key: string): string => `intelligence:measures.${key}`

function column(t: Translate, key: string, kind: HubColumn['kind'], label = `intelligence:columns.${key}`): HubColumn {
  return { key, label: t(label), kind }
}

function table(t: Translate, id: string, columns: HubColumn[], rows: Record<string, HubCell>[], summaryValues: Record<string, unknown> = {}): HubTable {
  return { id, title: t(k(`${id}.title`)), summary: t(k(`${id}.summary`), summaryValues), columns, rows }
}

/** A breakdown by area or organisation: small counts always suppressed, and protected against subtraction. */
function breakdown(rows: CountRow[], label: (row: CountRow) => string, suppress: boolean): Record<string, HubCell>[] {
  const cells = rows.map((row) => ({ name: label(row), referrals: countCell(row.count, suppress) }))
  if (suppress) protectColumn(cells, 'referrals')
  return cells
}

export function volume(m: MeasureContext): HubChart {
  const rows = m.data.snapshot.volume
  const total = rows.reduce((sum, row) => sum + row.received, 0)
  const cells = rows.map((row) => ({ period: row.period, sent: countCell(row.sent, m.narrowed), received: countCell(row.received, m.narrowed) }))
  const periodLabel = m.granularity === 'week' ? 'intelligence:columns.week' : 'intelligence:columns.month'
  return {
    table: table(m.t, 'referrals-over-time', [column(m.t, 'period', 'date', periodLabel), column(m.t, 'sent', 'count'), column(m.t, 'received', 'count')], cells, {
      count: total,
      periods: rows.length,
    }),
    mark: 'line',
    x: 'period',
    y: 'received',
  }
}

export function byIssue(m: MeasureContext): HubChart {
  const rows: CountRow[] = m.data.snapshot.issues.map((row) => {
    const term = m.data.termNames.get(row.id)
    return { key: row.id, label: term?.name ?? '', labelCy: term?.nameCy, count: row.count }
  })
  const name = (row: CountRow): string => (m.lang === 'cy' && row.labelCy ? row.labelCy : (row.label ?? ''))
  const cells = breakdown(rows, name, m.narrowed)
  return {
    table: table(m.t, 'referrals-by-issue', [column(m.t, 'name', 'text', 'intelligence:columns.issue'), column(m.t, 'referrals', 'count')], cells, {
      top: rows[0] ? name(rows[0]) : '–',
    }),
    mark: 'bar',
    x: 'name',
    y: 'referrals',
  }
}

export function byArea(m: MeasureContext): HubChart {
  const rows: CountRow[] = m.data.snapshot.districts.map((row) => ({ key: row.district, label: row.district, count: row.count }))
  const cells = breakdown(rows, (row) => row.label ?? m.t(k('unknownDistrict')), true)
  return {
    table: table(m.t, 'referrals-by-area', [column(m.t, 'name', 'text', 'intelligence:columns.district'), column(m.t, 'referrals', 'count')], cells, {
      districts: rows.length,
    }),
    mark: 'bar',
    x: 'name',
    y: 'referrals',
  }
}

/** Who sends to the organisation ('to') or whom it sends to ('from'): an organisation breakdown, so suppressed. */
export function partners(m: MeasureContext, side: 'to' | 'from'): HubTable {
  const counts = side === 'to' ? m.data.snapshot.sources : m.data.snapshot.destinations
  const rows: CountRow[] = counts
    .map((row) => ({ key: row.id, label: m.data.organisationNames.get(row.id) ?? '', count: row.count }))
    .sort((a, b) => b.count - a.count || (a.label ?? '').localeCompare(b.label ?? ''))
  const id = side === 'to' ? 'referrals-by-source' : 'referrals-by-destination'
  return table(m.t, id, [column(m.t, 'name', 'text', 'intelligence:columns.organisation'), column(m.t, 'referrals', 'count')], breakdown(rows, (row) => row.label ?? '', true), {
    organisations: rows.length,
  })
}

export function acceptance(m: MeasureContext): HubTable {
  const totals = m.data.snapshot.decisions
  const decided = totals.accepted + totals.declined
  const rate = rateCell(totals.accepted, decided, m.narrowed)
  return table(
    m.t,
    'acceptance',
    [column(m.t, 'referrals', 'count'), column(m.t, 'accepted', 'count'), column(m.t, 'declined', 'count'), column(m.t, 'acceptanceRate', 'percent')],
    [{ referrals: countCell(totals.total, m.narrowed), accepted: countCell(totals.accepted, m.narrowed), declined: countCell(totals.declined, m.narrowed), acceptanceRate: rate }],
    { rate: typeof rate === 'number' ? `${rate}%` : '–' },
  )
}

export function outcomesByStatus(m: MeasureContext): HubChart {
  return codedCountChart(m, 'referrals-by-status', m.data.snapshot.statuses, 'referrals:status', 'intelligence:columns.status')
}

/** Referrals counted by a code (a status, an outcome), named in the reader's language, as bars. */
function codedCountChart(m: MeasureContext, id: string, counts: { key: string; count: number }[], names: string, heading: string): HubChart {
  const rows: CountRow[] = counts.map((row) => ({ key: row.key, label: row.key, count: row.count }))
  const cells = breakdown(rows, (row) => m.t(`${names}.${row.key}`), m.narrowed)
  return {
    table: table(m.t, id, [column(m.t, 'name', 'text', heading), column(m.t, 'referrals', 'count')], cells),
    mark: 'bar',
    x: 'name',
    y: 'referrals',
  }
}

export function declineReasons(m: MeasureContext): HubChart {
  const rows = m.data.snapshot.declines
  const total = rows.reduce((sum, row) => sum + row.count, 0)
  const noCapacity = rows.find((row) => row.key === 'no_capacity')?.count ?? 0
  const cells = rows.map((row) => ({
    name: m.t(`referrals:declineReasons.${row.key}`),
    referrals: countCell(row.count, m.narrowed),
    share: rateCell(row.count, total, m.narrowed),
  }))
  if (m.narrowed) protectColumn(cells, 'referrals')
  for (const cell of cells) if (typeof cell.referrals !== 'number') cell.share = cell.referrals
  return {
    table: table(
      m.t,
      'decline-reasons',
      [column(m.t, 'name', 'text', 'intelligence:columns.reason'), column(m.t, 'referrals', 'count'), column(m.t, 'share', 'percent', 'intelligence:columns.shareOfDeclines')],
      cells,
      { count: m.narrowed && noCapacity > 0 && noCapacity < 5 ? m.t('intelligence:charts.suppressed') : noCapacity },
    ),
    mark: 'bar',
    x: 'name',
    y: 'referrals',
  }
}

export function outcomes(m: MeasureContext): HubChart {
  return codedCountChart(m, 'outcomes', m.data.snapshot.outcomes, 'referrals:outcomes', 'intelligence:columns.outcome')
}

/** Median and 90th percentile working days to first contact, and SLA compliance overall. */
export function response(m: MeasureContext): HubTable {
  const times = m.data.snapshot.response
  const sla = m.data.snapshot.compliance
  const median = statisticCell(times.median, times.contacted, m.narrowed)
  const compliance = rateCell(sla.onTime, sla.due, m.narrowed)
  return table(
    m.t,
    'response-times',
    [
      column(m.t, 'contacted', 'count'),
      column(m.t, 'median', 'days'),
      column(m.t, 'p90', 'days'),
      column(m.t, 'due', 'count'),
      column(m.t, 'onTime', 'count'),
      column(m.t, 'compliance', 'percent'),
    ],
    [
      {
        contacted: countCell(times.contacted, m.narrowed),
        median,
        p90: statisticCell(times.p90, times.contacted, m.narrowed),
        due: countCell(sla.due, m.narrowed),
        onTime: countCell(sla.onTime, m.narrowed),
        compliance,
      },
    ],
    { median: typeof median === 'number' ? median : '–', compliance: typeof compliance === 'number' ? `${compliance}%` : '–' },
  )
}

interface ComplianceRow {
  label: string
  organisationName: string | null
  due: number
  onTime: number
}

function complianceRows(rows: ComplianceRow[], withOrganisation: boolean): Record<string, HubCell>[] {
  const cells = rows.map((row) => ({
    name: row.label,
    ...(withOrganisation ? { organisation: row.organisationName ?? '' } : {}),
    due: countCell(row.due, true),
    onTime: countCell(row.onTime, true),
    compliance: rateCell(row.onTime, row.due, true),
  }))
  protectColumn(cells, 'due')
  protectColumn(cells, 'onTime')
  for (const cell of cells) if (typeof cell.due !== 'number' || typeof cell.onTime !== 'number') cell.compliance = { suppressed: true }
  return cells
}

const complianceColumns = (t: Translate): HubColumn[] => [column(t, 'due', 'count'), column(t, 'onTime', 'count'), column(t, 'compliance', 'percent')]

export function complianceOfOrganisations(m: MeasureContext): HubTable {
  const rows: ComplianceRow[] = m.data.snapshot.complianceByOrganisation
    .filter((row) => row.due > 0)
    .map((row) => ({ label: m.data.organisationNames.get(row.id) ?? '', organisationName: null, due: row.due, onTime: row.onTime }))
  return table(m.t, 'sla-by-organisation', [column(m.t, 'name', 'text', 'intelligence:columns.organisation'), ...complianceColumns(m.t)], complianceRows(rows, false), {
    count: complianceListed,
  })
}

export const complianceListed = 25

export function complianceOfServices(m: MeasureContext): HubTable {
  const rows: ComplianceRow[] = m.data.snapshot.complianceByService.map((row) => {
    const service = m.data.serviceNames.get(row.id)
    return { label: service?.name ?? '', organisationName: service?.organisationName ?? '', due: row.due, onTime: row.onTime }
  })
  return table(
    m.t,
    'sla-by-service',
    [column(m.t, 'name', 'text', 'intelligence:columns.service'), column(m.t, 'organisation', 'text'), ...complianceColumns(m.t)],
    complianceRows(rows, true),
    { count: complianceListed },
  )
}

export function statutoryShare(m: MeasureContext): HubTable {
  const totals = m.data.snapshot.statutory
  const rows = (['toLocalAuthority', 'fromLocalAuthority', 'toStatutory', 'fromStatutory'] as const).map((key) => ({
    name: m.t(k(`statutory-share.${key}`)),
    referrals: countCell(totals[key], m.narrowed),
    share: rateCell(totals[key], totals.total, m.narrowed),
  }))
  const share = rateCell(totals.toLocalAuthority + totals.fromLocalAuthority, totals.total, m.narrowed)
  return table(m.t, 'statutory-share', [column(m.t, 'name', 'text', 'intelligence:columns.direction'), column(m.t, 'referrals', 'count'), column(m.t, 'share', 'percent')], rows, {
    total: totals.total,
    share: typeof share === 'number' ? `${share}%` : '–',
  })
}

export async function gaps(m: BaseContext, by: 'issue' | 'district'): Promise<HubChart> {
  const rows = await gapCounts(m.db, m.filter, by)
  const name = (row: CountRow): string =>
    by === 'district' ? (row.label ?? m.t(k('unknownDistrict'))) : m.lang === 'cy' && row.labelCy ? row.labelCy : (row.label ?? '')
  const cells = breakdown(rows, name, by === 'district' || m.narrowed).map((row) => ({ name: row.name, searches: row.referrals }))
  const id = by === 'district' ? 'gaps-by-area' : 'gaps-by-issue'
  const label = by === 'district' ? 'intelligence:columns.district' : 'intelligence:columns.issue'
  return {
    table: table(m.t, id, [column(m.t, 'name', 'text', label), column(m.t, 'searches', 'count')], cells, { count: rows.reduce((sum, row) => sum + row.count, 0) }),
    mark: 'bar',
    x: 'name',
    y: 'searches',
  }
}

export const pausedListed = 25

export async function paused(m: BaseContext): Promise<HubTable> {
  const { rows, total } = await pausedServices(m.db, m.filter, m.now, pausedListed)
  return table(
    m.t,
    'paused-services',
    [
      column(m.t, 'name', 'text', 'intelligence:columns.service'),
      column(m.t, 'organisation', 'text'),
      column(m.t, 'status', 'text'),
      column(m.t, 'startedOn', 'date'),
      column(m.t, 'endedOn', 'date'),
      column(m.t, 'days', 'days', 'intelligence:columns.pausedFor'),
    ],
    rows.map((row) => ({
      name: row.serviceName,
      organisation: row.organisationName,
      status: m.t(k(`paused-services.${row.status}`)),
      startedOn: row.startedOn,
      endedOn: row.endedOn ?? m.t(k('paused-services.stillPaused')),
      days: row.days,
    })),
    { count: total, shown: Math.min(total, pausedListed) },
  )
}

export function repeatCrisis(m: MeasureContext): HubChart {
  const rows = m.data.snapshot.crisis
  const periodLabel = m.granularity === 'week' ? 'intelligence:columns.week' : 'intelligence:columns.month'
  const clients = rows.reduce((sum, row) => sum + row.clients, 0)
  const repeats = rows.reduce((sum, row) => sum + row.repeatClients, 0)
  const overall = rateCell(repeats, clients, m.narrowed)
  return {
    table: table(
      m.t,
      'repeat-crisis',
      [column(m.t, 'period', 'date', periodLabel), column(m.t, 'crisisClients', 'count'), column(m.t, 'repeatClients', 'count'), column(m.t, 'repeatRate', 'percent')],
      rows.map((row) => ({
        period: row.period,
        crisisClients: countCell(row.clients, m.narrowed),
        repeatClients: countCell(row.repeatClients, m.narrowed),
        repeatRate: rateCell(row.repeatClients, row.clients, m.narrowed),
      })),
      { rate: typeof overall === 'number' ? `${overall}%` : '–' },
    ),
    mark: 'line',
    x: 'period',
    y: 'repeatRate',
  }
}

export async function engagement(m: MeasureContext): Promise<HubTable> {
  const active = m.data.snapshot.engagement
  const onboarded = await organisationsOnboarded(m.db, m.filter)
  return table(
    m.t,
    'engagement',
    [column(m.t, 'activeOrganisations', 'count'), column(m.t, 'activePeople', 'count'), column(m.t, 'newOrganisations', 'count')],
    [{ activeOrganisations: active.organisations, activePeople: countCell(active.people, m.narrowed), newOrganisations: onboarded }],
  )
}
