import { parsePostcode } from '../postcodes/postcode.js'
import { z } from 'zod'

/**
 * Query parameters of the Open Referral UK API (openapi.json components.parameters). Messages are plain English:
 * the API answers developers, and a 400 names the parameter so they can fix the request.
 */

export const maxPerPage = 100
export const defaultPerPage = 50

const whole = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))

const age = (name: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `${name} must be a number of years`)
    .transform(Number)
    .pipe(z.number().max(150, `${name} must be at most 150`))

const uuid = (name: string) => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, `${name} must be a uuid`).transform((value) => value.toLowerCase())

const clock = (name: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, `${name} must be a time as HH:MM`)
    .transform((value) => (value.length === 5 ? `${value}:00` : value))

export const weekDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

const paging = {
  page: whole('page', 1, 100_000).default(1),
  per_page: whole('per_page', 1, maxPerPage).default(defaultPerPage),
}

export const pageQuery = z.object(paging)

const search = z.string().trim().max(200, 'search must be at most 200 characters').optional()

export const listQuery = z.object({ ...paging, search })

export const taxonomyTermQuery = z.object({ ...paging, search, taxonomy_id: uuid('taxonomy_id').optional() })

export const serviceQuery = z
  .object({
    ...paging,
    search,
    taxonomy_term_id: uuid('taxonomy_term_id').optional(),
    taxonomy_id: uuid('taxonomy_id').optional(),
    organization_id: uuid('organization_id').optional(),
    minimum_age: age('minimum_age').optional(),
    maximum_age: age('maximum_age').optional(),
    day: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .pipe(z.enum(weekDays, 'day must be one of MO, TU, WE, TH, FR, SA, SU'))
      .optional(),
    start_time: clock('start_time').optional(),
    end_time: clock('end_time').optional(),
    postcode: z
      .string()
      .transform((value, ctx) => {
        const parsed = parsePostcode(value)
        if (!parsed) {
          ctx.addIssue({ code: 'custom', message: 'postcode must be a UK postcode, like E1 6AN' })
          return z.NEVER
        }
        return { postcode: parsed.postcode, district: parsed.outcode }
      })
      .optional(),
    proximity: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'proximity must be a distance in metres')
      .transform(Number)
      .pipe(z.number().positive('proximity must be more than 0 metres').max(1_000_000, 'proximity must be at most 1000000 metres'))
      .optional(),
    modified_after: z
      .union([z.iso.datetime({ offset: true, local: true }), z.iso.date()], 'modified_after must be a date-time, like 2024-01-31T09:00:00Z')
      .transform((value) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) || value.length === 10 ? value : `${value}Z`))
      .optional(),
  })
  .superRefine((query, ctx) => {
    if (query.proximity !== undefined && !query.postcode) {
      ctx.addIssue({ code: 'custom', path: ['proximity'], message: 'proximity needs a postcode to measure from' })
    }
  })

export type ServiceQuery = z.output<typeof serviceQuery>
export type PageQuery = z.output<typeof pageQuery>
export type ListQuery = z.output<typeof listQuery>
export type TaxonomyTermQuery = z.output<typeof taxonomyTermQuery>

export interface ParameterError {
  error: string
  parameter: string
}

export type QueryResult<T> = { ok: true; value: T } | { ok: false; problem: ParameterError }

/** Parses a query string; a parameter given twice is a bad parameter too. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): QueryResult<T> {
  const result = schema.safeParse(query ?? {})
  if (result.success) return { ok: true, value: result.data }
  const issue = result.error.issues[0]
  const parameter = issue.path.map(String).join('.')
  const error = issue.code === 'invalid_type' ? `${parameter} must be given once, as text` : issue.message
  return { ok: false, problem: { error, parameter } }
}

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An id from the address; anything that is not a uuid cannot exist. */
export function pathId(value: unknown): string | null {
  return typeof value === 'string' && idPattern.test(value) ? value.toLowerCase() : null
}
