import { z } from 'zod'
import { parsePostcode } from '../../directory/postcodes/postcode.js'
import type { SearchQuery } from '../../directory/search/search.schemas.js'

/** The public finder's questions, from the query string (a search can be bookmarked and needs no JavaScript). */

const key = (name: string): string => `front-door-public:errors.${name}`
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const single = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value)
const blank = (value: unknown): unknown => {
  const one = single(value)
  if (typeof one !== 'string') return undefined
  return one.trim() === '' ? undefined : one.trim()
}

export const finderQuerySchema = z.object({
  issue: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.unknown()).max(50).transform((values) => [...new Set(values.filter((value): value is string => typeof value === 'string' && uuid.test(value)))]),
  ),
  q: z.preprocess(blank, z.string().max(200, key('wordsTooLong')).optional()),
  postcode: z.preprocess(blank, z.string().max(16, key('postcodeFormat')).refine((value) => parsePostcode(value) !== null, key('postcodeFormat')).optional()),
  age: z.preprocess(blank, z.string().regex(/^\d{1,3}$/, key('ageNumber')).transform(Number).pipe(z.number().max(120, key('ageNumber'))).optional()),
  /** Plain words for 'no recourse to public funds': can you get benefits? */
  benefits: z.preprocess(blank, z.enum(['yes', 'no', 'unknown']).optional()),
  /** Only services whose staff speak the page's language. */
  ownLanguage: z.preprocess(blank, z.enum(['yes']).optional()),
})

export type FinderQuery = z.infer<typeof finderQuerySchema>

/** The directory search's query: "can you get benefits? no" is NRPF "yes". */
export function toSearchQuery(query: FinderQuery, language: string): SearchQuery {
  return {
    text: query.q,
    issueIds: query.issue,
    age: query.age,
    postcode: query.postcode,
    nrpf: query.benefits === 'no' ? 'yes' : query.benefits === 'yes' ? 'no' : query.benefits,
    language: query.ownLanguage === 'yes' ? language : undefined,
  }
}

/** Whether the form was sent (a first visit shows only the questions). */
export function hasSearch(query: Record<string, unknown>): boolean {
  return ['issue', 'q', 'postcode', 'age', 'benefits', 'ownLanguage', 'search'].some((name) => query[name] !== undefined)
}
