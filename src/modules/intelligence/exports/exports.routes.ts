import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { NotFoundError } from '../../../platform/errors.js'
import { signedIn } from '../../../platform/http/request-context.js'
import { callerOf } from '../../../platform/http/route-support.js'
import type { Services } from '../../../services.js'
import { extractTableId, parseExportFile } from './exports.schemas.js'
import type { ExportFile, HubScope } from './exports.service.js'

/**
 * Downloads of the hub's tables (CSV, XLSX) with the page's own filter query, and the coordinator's anonymised
 * referral extract at /hub/export/referrals.csv|xlsx.
 */
export function exportsRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  const { hubExports } = services
  return async (app) => {
    const guarded = { preHandler: signedIn }

    const send = (reply: FastifyReply, file: ExportFile): FastifyReply =>
      reply
        .header('Content-Type', file.mediaType)
        .header('Content-Disposition', `attachment; filename="${file.filename}"`)
        .header('Cache-Control', 'no-store')
        .send(file.body)

    const paths: [string, HubScope][] = [
      ['/hub/export/:file', 'network'],
      ['/hub/organisation/export/:file', 'organisation'],
    ]
    for (const [path, scope] of paths) {
      app.get(path, guarded, async (request, reply) => {
        const wanted = parseExportFile((request.params as { file?: unknown }).file)
        if (!wanted) throw new NotFoundError()
        const caller = callerOf(request)
        if (scope === 'network' && wanted.tableId === extractTableId) {
          return send(reply, await hubExports.extract(caller, wanted.format, request.query))
        }
        return send(reply, await hubExports.table(caller, scope, wanted.tableId, wanted.format, request.query))
      })
    }
  }
}
