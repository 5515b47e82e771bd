import type { Readable } from 'node:stream'
import { authorise } from '../../../platform/access/policy.js'
import { workingContext, type Caller } from '../../../platform/access/caller.js'
import { audit } from '../../../platform/audit/audit.service.js'
import { NotFoundError } from '../../../platform/errors.js'
import { ukDate } from '../../../platform/i18n/date-format.js'
import type { ServiceDependencies } from '../../../services.js'
import { networkById } from '../../networks/networks.service.js'
import type { HubTable } from '../hub-table.js'
import { extractBatches, extractCsvStream, extractXlsxStream } from './extract.js'
import { countExtractRows, type ExtractFilter } from './extract.repository.js'
import { extractQuerySchema, type ExportFormat } from './exports.schemas.js'
import { exportFilename, tableCsv, tableXlsx, xlsxMediaType } from './table-export.js'

/** The tables a hub page shows for its filters: exports build exactly these, so the file matches the page. */
export interface HubTableSet {
  tables: HubTable[]
  /** The period the tables cover ('YYYY-MM-DD'), for the file name and the sheet's second line. */
  period: { from: string; to: string }
  /** The filters applied, as ids and codes only (they go into the audit log). */
  filters: Record<string, unknown>
  /** The organisation of an organisation view. */
  organisationId?: string | null
}

/** Provided by the dashboard (H1): each throws NotFound/Forbidden exactly as its page does. */
export interface HubTablesSource {
  network(caller: Caller, query: unknown): Promise<HubTableSet>
  organisation(caller: Caller, query: unknown): Promise<HubTableSet>
}

export type HubScope = keyof HubTablesSource

export interface ExportFile {
  filename: string
  mediaType: string
  body: string | Buffer | Readable
}

export const csvMediaType = 'text/csv; charset=utf-8'

export function createExportsService(deps: ServiceDependencies, source: HubTablesSource) {
  const { db } = deps

  return {
    /** One table of a hub page as CSV or XLSX, for the page's filters. Audited: what, filters, how many rows. */
    async table(caller: Caller, scope: HubScope, tableId: string, format: ExportFormat, query: unknown): Promise<ExportFile> {
      const { actor, context } = workingContext(caller)
      const set = await source[scope](caller, query)
      const organisationId = scope === 'organisation' ? (set.organisationId ?? context.organisationId) : null
      // An organisation view with no organisation is nobody's: never fall back to the network's rule.
      if (scope === 'organisation' && !organisationId) throw new NotFoundError()
      authorise(actor, 'hub.export', { networkId: context.networkId, organisationId })
      const table = set.tables.find((candidate) => candidate.id === tableId)
      if (!table) throw new NotFoundError()
      await audit(db, {
        networkId: context.networkId,
        actorUserId: actor.userId,
        action: 'hub.table-exported',
        subjectType: 'hub_table',
        subjectId: table.id,
        details: { scope, organisationId, format, filters: set.filters, rows: table.rows.length },
        requestId: caller.requestId,
      })
      const filename = exportFilename({ networkSlug: context.networkSlug, tableId: table.id, period: set.period }, format)
      if (format === 'csv') return { filename, mediaType: csvMediaType, body: tableCsv(table, caller.language) }
      const subtitle = `${context.networkName}: ${set.period.from} – ${set.period.to}`
      return { filename, mediaType: xlsxMediaType, body: await tableXlsx(table, caller.language, subtitle) }
    },

    /**
     * The anonymised referral-level extract, streamed (a network may have 200,000 rows). Coordinator only;
     * audited before the first byte with the filters and the number of rows it holds.
     */
    async extract(caller: Caller, format: ExportFormat, query: unknown): Promise<ExportFile> {
      const { actor, context } = workingContext(caller)
      authorise(actor, 'hub.extract', { networkId: context.networkId })
      const network = await networkById(db, context.networkId)
      if (!network) throw new NotFoundError()
      const { from, to } = extractQuerySchema.parse(query ?? {})
      const filter: ExtractFilter = { networkId: context.networkId, lang: caller.language, sentFrom: from, sentBefore: to ? nextDay(to) : undefined }
      const rows = await countExtractRows(db, filter)
      await audit(db, {
        networkId: context.networkId,
        actorUserId: actor.userId,
        action: 'hub.extract-exported',
        subjectType: 'hub_table',
        subjectId: 'referrals',
        details: { format, filters: { from: from ?? null, to: to ?? null }, rows },
        requestId: caller.requestId,
      })
      const extractContext = { lang: caller.language, nation: network.nation, today: ukDate(deps.now()) }
      const batches = extractBatches(db, filter)
      const filename = exportFilename(
        { networkSlug: context.networkSlug, tableId: 'referrals-anonymised', period: from && to ? { from, to } : undefined },
        format,
      )
      return format === 'csv'
        ? { filename, mediaType: csvMediaType, body: extractCsvStream(batches, extractContext) }
        : { filename, mediaType: xlsxMediaType, body: extractXlsxStream(batches, extractContext) }
    },
  }
}

function nextDay(date: string): string {
  const next = new Date(`${date}T12:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

export type ExportsService = ReturnType<typeof createExportsService>
