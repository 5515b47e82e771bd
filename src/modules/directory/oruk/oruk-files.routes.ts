import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { authorise } from '../../../platform/access/policy.js'
import { NotFoundError } from '../../../platform/errors.js'
import { signedIn } from '../../../platform/http/request-context.js'
import type { Services } from '../../../services.js'
import type { ImportFile } from './oruk-import.read.js'
import type { ImportReport } from './oruk-import.service.js'
import { csvFiles, type CsvFile } from './oruk-export.service.js'

/**
 * The coordinator's page to import Open Referral UK files into the network's directory and download it.
 * Uploads are multipart; fields are attached to the body before the CSRF check, so the form's hidden _csrf field
 * is checked as on every other form.
 */

const maxFileBytes = 10 * 1024 * 1024

interface UploadBody {
  _csrf?: string
  files?: ImportFile | ImportFile[]
}

/** The network the signed-in coordinator works in; only coordinators import and export (network.manage). */
function coordinatorNetwork(request: FastifyRequest): string {
  const networkId = request.actor?.context?.networkId
  if (!networkId) throw new NotFoundError()
  authorise(request.actor, 'network.manage', { networkId })
  return networkId
}

function problemRows(problems: ImportReport['errors']): { text: string }[][] {
  return problems.map((problem) => [
    { text: problem.file },
    { text: problem.line !== undefined ? String(problem.line) : (problem.path ?? '') },
    { text: problem.field ?? '' },
    { text: problem.message },
  ])
}

export async function orukFilesRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: maxFileBytes, files: 40, fields: 5 },
    async onFile(part: MultipartFile) {
      ;(part as MultipartFile & { value: ImportFile }).value = { name: part.filename, content: await part.toBuffer() }
    },
  })
  const guarded = { preHandler: signedIn }

  const template = 'directory/oruk/views/import.njk'
  const pageData = (request: FastifyRequest, report?: ImportReport): Record<string, unknown> => ({
    title: request.t('oruk:import.title'),
    csvFiles,
    report,
    errorRows: report ? problemRows(report.errors) : [],
    warningRows: report ? problemRows(report.warnings) : [],
    countRows: report ? Object.entries(report.counts).map(([table, count]) => [{ text: table }, { text: String(count.created) }, { text: String(count.updated) }]) : [],
  })

  app.get('/directory/import', guarded, async (request, reply) => {
    coordinatorNetwork(request)
    return reply.page(template, pageData(request))
  })

  app.post('/directory/import', guarded, async (request, reply) => {
    const networkId = coordinatorNetwork(request)
    const body = (request.body ?? {}) as UploadBody
    const files = (Array.isArray(body.files) ? body.files : body.files ? [body.files] : []).filter((file) => typeof file === 'object' && file.name)
    if (files.length === 0) {
      const message = { text: request.t('oruk:import.chooseFile') }
      return reply.page(template, { ...pageData(request), errors: { list: [{ ...message, href: '#files' }], byField: { files: message } } }, 400)
    }
    const report = await services.oruk.imports.importFiles(networkId, files, { actorUserId: request.actor?.userId, requestId: request.id })
    if (report.ok) request.log.info({ counts: report.counts }, 'directory imported')
    return reply.page(template, pageData(request, report), report.ok ? 200 : 400)
  })

  app.get('/directory/export.json', guarded, async (request, reply) => {
    const networkId = coordinatorNetwork(request)
    const listings = await services.oruk.exports.json(networkId)
    return reply
      .header('Content-Type', 'application/json; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="directory.json"')
      .header('Cache-Control', 'no-store')
      .send(JSON.stringify(listings, null, 2))
  })

  app.get('/directory/export/:file', guarded, async (request, reply) => {
    const networkId = coordinatorNetwork(request)
    const file = (request.params as { file: string }).file
    if (!csvFiles.includes(file as CsvFile)) throw new NotFoundError()
    const tables = await services.oruk.exports.csv(networkId)
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${file}"`)
      .header('Cache-Control', 'no-store')
      .send(tables[file as CsvFile])
  })
}
