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

  const showPage = (request: FastifyRequest, report?: ImportReport, status = 200) =>
    request.server &&
    (request as FastifyRequest & { reply?: never }) &&
    ({
      template: 'directory/oruk/views/import.njk',
      data: {
        title: request.t('oruk:import.title'),
        report,
        errorRows: report ? problemRows(report.errors) : [],
        warningRows: report ? problemRows(report.warnings) : [],
        countRows: report ? Object.entries(report.counts).map(([table, count]) => [{ text: table }, { text: String(count.created) }, { text: String(count.updated) }]) : [],
        csvFiles,
      },
      status,
    } as const)

  app.get('/directory/import', guarded, async (request, reply) => {
    coordinatorNetwork(request)
    const page = showPage(request)
    return reply.page(page.template, page.data)
  })

  app.post('/directory/import', guarded, async (request, reply) => {
    const networkId = coordinatorNetwork(request)
    const body = (request.body ?? {}) as UploadBody
    const files = (Array.isArray(body.files) ? body.files : body.files ? [body.files] : []).filter((file) => file.name)
    if (files.length === 0) {
      return reply.page('directory/oruk/views/import.njk', {
        title: request.t('oruk:import.title'),
        csvFiles,
        errors: { list: [{ text: request.t('oruk:import.chooseFile'), href: '#files' }], byField: { files: { text: request.t('oruk:import.chooseFile') } } },
      }, 400)
    }
    const report = await services.oruk.imports.importFiles(networkId, files, { actorUserId: request.actor?.userId, requestId: request.id })
    const page = showPage(request, report, report.ok ? 200 : 400)
    return reply.page(page.template, page.data, page.status)
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
