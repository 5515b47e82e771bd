import { z } from 'zod'
import { organisationTypes } from '../../../db/schema/index.js'
import type { FieldError } from '../../../platform/forms/forms.js'
import { dateFromParts } from '../../referrals/clients/clients.schemas.js'
import type { Granularity, OrganisationType } from './dashboard.repository.js'

/**
 * The hub's filters, read from the address (a GET form, so every view is a link and works without JavaScript).
 * The export links repeat the same query, and H2's exports parse it with `parseHubQuery`, so a download holds
 * exactly what the page showed. An unknown value falls back to "all"; a date that isn't one is an error.
 */

const optionalId = z.uuid().optional().catch(undefined)
const part = z.string().trim().max(4).optional().catch(undefined)

export const hubQuerySchema = z.object({
  fromDay: part,
  fromMonth: part,
  fromYear: part,
  toDay: part,
  toMonth: part,
  toYear: part,
  /** A postcode district (outward code), e.g. 'E1' or 'SW1A'. */
  area: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{1,2}[0-9][0-9A-Z]?$/)
    .optional()
    .catch(undefined),
  issue: optionalId,
  organisationType: z.enum(organisationTypes.enumValues).optional().catch(undefined),
  organisation: optionalId,
  by: z.enum(['month', 'week']).catch('month').default('month'),
})
export type HubQuery = z.infer<typeof hubQuerySchema>

export interface HubFilters {
  from: string
  to: string
  area?: string
  issue?: string
  organisationType?: OrganisationType
  organisation?: string
  by: Granularity
}

export interface ParsedHubQuery {
  filters: HubFilters
  /** What was typed, to show back in the form. */
  values: Record<string, string>
  errors: FieldError[]
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10)

/** Default range: the last 12 months up to today. */
export function defaultRange(today: string): { from: string; to: string } {
  const from = new Date(`${today}T12:00:00Z`)
  from.setUTCFullYear(from.getUTCFullYear() - 1)
  from.setUTCDate(from.getUTCDate() + 1)
  return { from: isoDay(from), to: today }
}

function parts(date: string): { day: string; month: string; year: string } {
  return { day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) }
}

/** Reads the hub's query; on a bad date it keeps the default for that end and reports the field. */
export function parseHubQuery(query: unknown, today: string): ParsedHubQuery {
  const parsed = hubQuerySchema.parse(query ?? {})
  const range = defaultRange(today)
  const errors: FieldError[] = []
  const dateOf = (which: 'from' | 'to'): string => {
    const day = parsed[`${which}Day`] ?? ''
    const month = parsed[`${which}Month`] ?? ''
    const year = parsed[`${which}Year`] ?? ''
    if (!day && !month && !year) return range[which]
    const date = dateFromParts(day, month, year)
    if (date === 'invalid' || date === null || year.length !== 4) {
      errors.push({ field: `${which}Day`, message: `intelligence:errors.${which}Invalid` })
      return range[which]
    }
    return date
  }
  let from = dateOf('from')
  const to = dateOf('to')
  if (errors.length === 0 && from > to) {
    errors.push({ field: 'toDay', message: 'intelligence:errors.toBeforeFrom' })
    from = range.from > to ? to : range.from
  }
  const filters: HubFilters = {
    from,
    to,
    area: parsed.area,
    issue: parsed.issue,
    organisationType: parsed.organisationType,
    organisation: parsed.organisation,
    by: parsed.by,
  }
  const fromParts = parts(from)
  const toParts = parts(to)
  const raw = (query ?? {}) as Record<string, unknown>
  const typed = (key: string, fallback: string): string => (typeof raw[key] === 'string' && errors.length > 0 ? String(raw[key]) : fallback)
  return {
    filters,
    errors,
    values: {
      fromDay: typed('fromDay', fromParts.day),
      fromMonth: typed('fromMonth', fromParts.month),
      fromYear: typed('fromYear', fromParts.year),
      toDay: typed('toDay', toParts.day),
      toMonth: typed('toMonth', toParts.month),
      toYear: typed('toYear', toParts.year),
      area: filters.area ?? '',
    },
  }
}

/** The filters as a query string, for export links and the organisation view's links. */
export function hubQueryString(filters: HubFilters): string {
  const from = parts(filters.from)
  const to = parts(filters.to)
  const params = new URLSearchParams({
    fromDay: from.day,
    fromMonth: from.month,
    fromYear: from.year,
    toDay: to.day,
    toMonth: to.month,
    toYear: to.year,
    by: filters.by,
  })
  if (filters.area) params.set('area', filters.area)
  if (filters.issue) params.set('issue', filters.issue)
  if (filters.organisationType) params.set('organisationType', filters.organisationType)
  if (filters.organisation) params.set('organisation', filters.organisation)
  return params.toString()
}
