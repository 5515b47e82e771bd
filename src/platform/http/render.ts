import type { FastifyInstance, FastifyReply } from 'fastify'
import { languageLinks } from './request-context.js'
import { navigationFor } from './navigation.js'

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page with everything the layout needs: language, actor, navigation, nonce, CSRF token. */
    page(template: string, data?: Record<string, unknown>, statusCode?: number): Promise<FastifyReply>
  }
}

export function registerRender(app: FastifyInstance): void {
  app.decorateReply('page', async function page(this: FastifyReply, template, data = {}, statusCode = 200) {
    const request = this.request
    const flash = request.session?.flash
    if (flash) request.session.flash = undefined
    const csrfToken = typeof this.generateCsrf === 'function' ? this.generateCsrf() : ''
    this.code(statusCode)
    this.header('Cache-Control', 'no-store')
    return this.view(template, {
      t: request.t,
      lang: request.lang,
      languageLinks: languageLinks(request.url, request.lang),
      actor: request.actor,
      navigation: navigationFor(request),
      cspNonce: (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script ?? '',
      csrfToken,
      currentPath: request.url,
      flash: flash ? request.t(flash) : undefined,
      ...data,
    })
  })
}
