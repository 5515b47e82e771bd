import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { NotFoundError } from '../../../platform/errors.js'
import type { Services } from '../../../services.js'
import { listQuery, pageQuery, parseQuery, pathId, serviceQuery, taxonomyTermQuery } from './oruk.schemas.js'
import { BadParameterError } from './oruk.service.js'

/** Public open data: anyone may read it from any site, and caches may keep it for a minute. */
const cacheSeconds = 60

/**
 * The Open Referral UK 3.0 API of one network, at /api/networks/:slug/oruk: read-only, no sign-in, JSON.
 * Unknown networks and ids (including another network's) are 404; a bad parameter is a 400 that names it.
 */
export async function orukApi(app: FastifyInstance, services: Services): Promise<void> {
  const oruk = services.oruk

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Access-Control-Allow-Origin', '*')
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin')
    reply.header('Cache-Control', reply.statusCode === 200 ? `public, max-age=${cacheSeconds}` : 'no-store')
    return payload
  })

  const slugOf = (request: FastifyRequest): string => (request.params as { slug: string }).slug
  const idOf = (request: FastifyRequest): string => {
    const id = pathId((request.params as { id?: unknown }).id)
    if (!id) throw new NotFoundError()
    return id
  }

  /** Parse the query → one service call → JSON; a bad parameter answers 400 with its name. */
  function list<T>(schema: z.ZodType<T>, load: (slug: string, query: T) => Promise<unknown>) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const parsed = parseQuery(schema, request.query)
      if (!parsed.ok) return reply.code(400).send(parsed.problem)
      try {
        return await load(slugOf(request), parsed.value)
      } catch (error) {
        if (error instanceof BadParameterError) return reply.code(400).send({ error: error.message, parameter: error.parameter })
        throw error
      }
    }
  }

  const one = (load: (slug: string, id: string) => Promise<unknown>) => async (request: FastifyRequest) => load(slugOf(request), idOf(request))

  app.get('/', async (request) => oruk.info(slugOf(request)))
  app.get('/services', list(serviceQuery, oruk.listServices))
  app.get('/services/:id', one(oruk.getService))
  app.get('/service_at_locations', list(serviceQuery, oruk.listServiceAtLocations))
  app.get('/service_at_locations/:id', one(oruk.getServiceAtLocation))
  app.get('/organizations', list(listQuery, oruk.listOrganisations))
  app.get('/organizations/:id', one(oruk.getOrganisation))
  app.get('/taxonomies', list(pageQuery, oruk.listTaxonomies))
  app.get('/taxonomies/:id', one(oruk.getTaxonomy))
  app.get('/taxonomy_terms', list(taxonomyTermQuery, oruk.listTerms))
  app.get('/taxonomy_terms/:id', one(oruk.getTerm))
}
