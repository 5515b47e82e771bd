import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DomainError } from '../errors.js'

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/healthz'
}

async function errorPage(request: FastifyRequest, reply: FastifyReply, status: number) {
  const kind = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 429 ? 'tooMany' : status === 419 ? 'csrf' : 'server'
  const httpStatus = status === 419 ? 403 : status
  if (wantsJson(request)) return reply.code(httpStatus).send({ error: request.t(`common:errors.${kind}Title`) })
  return reply.page('pages/error.njk', {
    title: request.t(`common:errors.${kind}Title`),
    body: request.t(`common:errors.${kind}Body`),
  }, httpStatus)
}

/** 404 and error pages: the user sees what happened in plain words, never a stack trace. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler(async (request, reply) => errorPage(request, reply, 404))
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof DomainError && (error.statusCode === 404 || error.statusCode === 403)) {
      return errorPage(request, reply, error.statusCode)
    }
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return errorPage(request, reply, 419)
    }
    if (error.statusCode === 429) return errorPage(request, reply, 429)
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ code: error.code }, 'bad request')
      if (wantsJson(request)) return reply.code(error.statusCode).send({ error: 'Bad request' })
      return errorPage(request, reply, 404)
    }
    request.log.error({ err: error }, 'unhandled error')
    return errorPage(request, reply, 500)
  })
}
