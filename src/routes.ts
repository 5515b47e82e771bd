import type { FastifyInstance } from 'fastify'
import type { AppDependencies } from './app.js'
import type { Services } from './services.js'
import { pagesRoutes } from './platform/pages/pages.routes.js'
import { authRoutes } from './platform/auth/auth.routes.js'
import { mailRoutes } from './platform/mail/mail.routes.js'
import { networksRoutes } from './modules/networks/networks.routes.js'
import { listingsRoutes } from './modules/directory/listings/listings.routes.js'
import { orukRoutes } from './modules/directory/oruk/oruk.routes.js'
import { searchRoutes } from './modules/directory/search/search.routes.js'
import { clientsRoutes } from './modules/referrals/clients/clients.routes.js'
import { consentRoutes } from './modules/referrals/consent/consent.routes.js'
import { documentsRoutes } from './modules/referrals/documents/documents.routes.js'
import { worklistsRoutes } from './modules/referrals/worklists/worklists.routes.js'
import { notificationsRoutes } from './modules/notifications/notifications.routes.js'
import { referralsRoutes } from './modules/referrals/referrals/referrals.routes.js'
import { frontDoorPublicRoutes } from './modules/front-door/public/public.routes.js'
import { triageRoutes } from './modules/front-door/triage/triage.routes.js'
import { exportsRoutes } from './modules/intelligence/exports/exports.routes.js'
import { dashboardRoutes } from './modules/intelligence/dashboard/dashboard.routes.js'

/** Each module's routes, in one list so a newcomer sees every part of the product. */
export async function registerRoutes(app: FastifyInstance, services: Services, deps: AppDependencies): Promise<void> {
  await app.register(pagesRoutes(services, deps))
  await app.register(authRoutes(services, deps))
  await app.register(mailRoutes(services, deps))
  await app.register(networksRoutes(services, deps))
  await app.register(listingsRoutes(services, deps))
  await app.register(orukRoutes(services, deps))
  await app.register(searchRoutes(services, deps))
  await app.register(clientsRoutes(services, deps))
  await app.register(consentRoutes(services, deps))
  await app.register(documentsRoutes(services, deps))
  await app.register(worklistsRoutes(services, deps))
  await app.register(notificationsRoutes(services, deps))
  await app.register(referralsRoutes(services, deps))
  await app.register(frontDoorPublicRoutes(services, deps))
  await app.register(triageRoutes(services, deps))
  await app.register(exportsRoutes(services, deps))
  await app.register(dashboardRoutes(services, deps))
}
