import { z } from 'zod'
import { parsePostcode } from '../postcodes/postcode.js'
import { channels, nrpfAnswers, weekdays, type Channel, type NrpfAnswer, type Weekday } from './eligibility.js'

/** Languages offered in the search filter (ISO 639-1): English, Welsh and the community languages most asked for. */
export const searchLanguages = [
  'en', 'cy', 'ar', 'bn', 'zh', 'fa', 'fr', 'gu', 'hi', 'ku', 'lt', 'pa', 'pl', 'ps', 'pt', 'ro', 'ru', 'so', 'es', 'sq', 'ta', 'ti', 'tr', 'uk', 'ur',
] as const

/** What a referrer searched for, checked: the search service's input. */
export interface SearchQuery {
  text?: string
  issueIds: string[]
  age?: number
  postcode?: string
  language?: string
  nrpf?: NrpfAnswer
  channel?: Channel
  day?: Weekday
  /** 'HH:MM', only with a day. */
  time?: string
}

/** Query strings give a string, or an array when a name repeats; a single field takes the first. */
const single = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value)
const blankToUndefined = (value: unknown): unknown => {
  const one = single(value)
  return typeof one === 'string' && one.trim() === '' ? undefined : typeof one === 'string' ? one.trim() : one
}
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional())

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const searchQuerySchema = z
  .object({
    q: optional(z.string().max(200, 'search:errors.textTooLong')),
    issue: z.preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      // Ids that are not ids cannot be the network's terms; they are dropped rather than reported.
      z.array(z.unknown()).transform((values) => values.filter((value): value is string => typeof value === 'string' && uuid.test(value))),
    ),
    age: optional(
      z
        .string()
        .regex(/^\d{1,3}$/, 'search:errors.ageNumber')
        .transform(Number)
        .pipe(z.number().max(120, 'search:errors.ageRange')),
    ),
    postcode: optional(z.string().max(16, 'search:errors.postcodeFormat').refine((value) => parsePostcode(value) !== null, 'search:errors.postcodeFormat')),
    language: optional(z.enum(searchLanguages, { error: 'search:errors.language' })),
    nrpf: optional(z.enum(nrpfAnswers, { error: 'search:errors.nrpf' })),
    channel: optional(z.enum(channels, { error: 'search:errors.channel' })),
    day: optional(z.enum(weekdays, { error: 'search:errors.day' })),
    time: optional(z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'search:errors.time').transform((value) => value.padStart(5, '0'))),
  })
  .superRefine((value, context) => {
    if (value.time && !value.day) context.addIssue({ code: 'custom', path: ['day'], message: 'search:errors.dayForTime' })
  })
  .transform(
    (value): SearchQuery => ({
      text: value.q,
      issueIds: [...new Set(value.issue)],
      age: value.age,
      postcode: value.postcode,
      language: value.language,
      nrpf: value.nrpf,
      channel: value.channel,
      day: value.day,
      time: value.time,
    }),
  )

/** Whether the page was asked to search at all (a first visit shows only the form). */
export function hasSearch(query: Record<string, unknown>): boolean {
  return ['q', 'issue', 'age', 'postcode', 'language', 'nrpf', 'channel', 'day', 'time', 'search'].some((name) => query[name] !== undefined)
}
