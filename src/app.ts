import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifySession from '@fastify/session'
import fastifyStatic from '@fastify/static'
import fastifyView from '@fastify/view'
import Fastify, { type FastifyInstance } from 'fastify'
import qs from 'node:querystring'
import type { Config } from './config.js'
import type { DatabaseHandle } from './db/client.js'
import { loggerOptions } from './platform/logging.js'
import { registerErrorHandlers } from './platform/http/error-handler.js'
import { registerRender } from './platform/http/render.js'
import { registerActor, registerLanguage } from './platform/http/request-context.js'
import { databaseSessionStore } from './platform/http/session-store.js'
import nunjucks from 'nunjucks'
import { nunjucksOptions, templatePaths } from './platform/views/nunjucks.js'
import { createServices, type Services } from './services.js'
import { registerRoutes } from './routes.js'
import type { Jobs } from './platform/jobs/jobs.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface AppDependencies {
  config: Config
  database: DatabaseHandle
  /** Background jobs; absent in most tests, which run the job handlers directly. */
  jobs?: Jobs
  /** Replaces the clock in tests of expiry and lockout. */
  now?: () => Date
}

export interface App {
  server: FastifyInstance
  services: Services
}

/** Plugins in order → modules → 404 → error handler. */
export async function buildApp(deps: AppDependencies): Promise<App> {
  const { config, database } = deps
  const server = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : loggerOptions(config),
    trustProxy: config.TRUST_PROXY,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
  })
  const services = createServices({ db: database.db, database, config, jobs: deps.jobs, now: deps.now ?? (() => new Date()) })

  await server.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.SECURE_COOKIES ? [] : null,
      },
    },
    strictTransportSecurity: config.SECURE_COOKIES ? undefined : false,
  })
  await server.register(fastifyCookie, { secret: config.SESSION_SECRET })
  await server.register(fastifyFormbody, { parser: (body) => qs.parse(body) })
  await server.register(fastifyRateLimit, { global: false })
  const sessionStore = databaseSessionStore(database.db, deps.now)
  await server.register(fastifySession, {
    secret: config.SESSION_SECRET,
    cookieName: 'nwd.sid',
    saveUninitialized: false,
    // Saved only when changed; the store extends the idle timeout (see session-store.ts).
    rolling: false,
    cookie: {
      secure: config.SECURE_COOKIES,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
    },
    store: sessionStore,
  })
  await server.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'nwd.csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: config.SECURE_COOKIES },
  })
  await server.register(fastifyStatic, {
    root: path.join(root, 'public'),
    prefix: '/public/',
    maxAge: config.NODE_ENV === 'production' ? '1d' : 0,
  })
  await server.register(fastifyStatic, {
    root: path.join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk'),
    prefix: '/govuk/',
    decorateReply: false,
    allowedPath: (pathname) => pathname.startsWith('/assets/') || pathname.endsWith('.min.js'),
  })
  await server.register(fastifyView, {
    engine: { nunjucks },
    templates: templatePaths,
    options: nunjucksOptions,
  })

  registerLanguage(server, config.SECURE_COOKIES)
  registerActor(server, database.db, sessionStore)
  registerRender(server)
  // Every state-changing request must carry the CSRF token; JSON APIs added later are read-only or token-authenticated.
  server.addHook('preHandler', (request, reply, done) => {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return server.csrfProtection(request, reply, done)
    done()
  })

  // Before the routes: each route keeps the error handler in force when its plugin loads.
  registerErrorHandlers(server)
  await registerRoutes(server, services, deps)
  return { server, services }
}
