import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import type { FieldError } from '../../../platform/forms/forms.js'
import { signedIn } from '../../../platform/http/request-context.js'
import { callerOf, errorsView, formErrorsFrom, idFrom } from '../../../platform/http/route-support.js'
import type { Services } from '../../../services.js'
import { documentRows } from '../clients/clients.presenter.js'
import { maxDocumentBytes } from './document-types.js'
import type { UploadedFile } from './documents.service.js'

interface UploadBody {
  _csrf?: string
  document?: UploadedFile | UploadedFile[] | string
}

/**
 * Attaching documents to an intake, and downloading them. Multipart is registered here only; its fields reach
 * the body before the CSRF check, so the form's _csrf is checked as on every other form. A file over the limit
 * is cut short rather than refused mid-stream, so the page can say why and nothing is saved.
 */
export function documentsRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  const { documents } = services
  return async (app) => {
    await app.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: maxDocumentBytes, files: 1, fields: 5 },
      async onFile(part: MultipartFile) {
        const content = await part.toBuffer()
        ;(part as MultipartFile & { value: UploadedFile }).value = { name: part.filename, content, truncated: part.file.truncated }
      },
    })
    const guarded = { preHandler: signedIn }

    const show = async (request: FastifyRequest, reply: FastifyReply, intakeId: string, errors: FieldError[] = [], status = 200) => {
      const view = await documents.forIntake(callerOf(request), intakeId)
      return reply.page(
        'referrals/documents/views/documents.njk',
        {
          title: request.t('clients:documents.title'),
          backLink: `/intakes/${view.intake.id}`,
          intake: view.intake,
          client: view.client,
          documentRows: documentRows(request.t, request.lang, view.documents),
          errors: errorsView(request, errors),
        },
        status,
      )
    }

    app.get('/intakes/:intakeId/documents', guarded, async (request, reply) => show(request, reply, idFrom(request, 'intakeId')))

    app.post('/intakes/:intakeId/documents', guarded, async (request, reply) => {
      const intakeId = idFrom(request, 'intakeId')
      const body = (request.body ?? {}) as UploadBody
      const sent = Array.isArray(body.document) ? body.document[0] : body.document
      const file = sent && typeof sent === 'object' && sent.name ? sent : null
      try {
        await documents.upload(callerOf(request), intakeId, file)
      } catch (error) {
        return show(request, reply, intakeId, formErrorsFrom(error), 400)
      }
      request.session.flash = 'clients:documents.uploaded'
      return reply.redirect(`/intakes/${intakeId}/documents`, 303)
    })

    app.get('/documents/:documentId', guarded, async (request, reply) => {
      const document = await documents.download(callerOf(request), idFrom(request, 'documentId'))
      return reply
        .header('Content-Type', document.mediaType)
        .header('Content-Disposition', `attachment; filename="${document.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(document.filename)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'no-store')
        .send(document.content)
    })
  }
}
