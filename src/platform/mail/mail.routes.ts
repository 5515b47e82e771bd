import type { FastifyPluginAsync } from 'fastify'
import { z } from 'zod'
import type { AppDependencies } from '../../app.js'
import type { Services } from '../../services.js'
import { NotFoundError } from '../errors.js'
import { presentMailbox, presentMailboxMessage } from './mailbox.presenter.js'

const messageParams = z.object({ id: z.uuid() })

/**
 * The development mailbox: where messages go when no mail server is set up. It exists only outside
 * production and only while neither SMTP_URL nor NOTIFY_API_KEY is set; otherwise its addresses are 404.
 */
export function mailRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  return async (app) => {
    if (!services.mail.mailboxEnabled) return

    app.get('/dev/mailbox', async (request, reply) => {
      const messages = await services.mail.listMailbox()
      return reply.page('mail/views/mailbox.njk', {
        title: request.t('mailbox:title'),
        entries: presentMailbox(messages, request.t),
      })
    })

    app.get('/dev/mailbox/:id', async (request, reply) => {
      const params = messageParams.safeParse(request.params)
      if (!params.success) throw new NotFoundError()
      const message = await services.mail.findMailboxMessage(params.data.id)
      if (!message) throw new NotFoundError()
      return reply.page('mail/views/mailbox-message.njk', {
        title: `${message.subject} – ${request.t('mailbox:title')}`,
        backLink: '/dev/mailbox',
        message: presentMailboxMessage(message, request.t),
      })
    })
  }
}
