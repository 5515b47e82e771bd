import { z } from 'zod'
import { parseForm, type ParseResult } from '../../../platform/forms/forms.js'
import {
  consentQuestion,
  contactDetailsQuestion,
  contactDifficultiesQuestion,
  contactMethodQuestion,
  contactMethods,
  contactTimesQuestion,
  languageQuestion,
  nameQuestion,
  needQuestion,
  postcodeQuestion,
  safeToLeaveMessageQuestion,
  type RequestAnswers,
} from '../ask/ask.schemas.js'

/** The queue's tabs: waiting for someone, mine to call back, anyone's claimed, and finished (closed or referred). */
export const queueViews = ['new', 'mine', 'claimed', 'closed'] as const
export type QueueView = (typeof queueViews)[number]

export const queueOrders = ['oldest', 'newest'] as const
export type QueueOrder = (typeof queueOrders)[number]

/** What the queue's address accepts; anything odd falls back to the default, never an error. */
export const queueQuerySchema = z.object({
  view: z.enum(queueViews).catch('new').default('new'),
  order: z.enum(queueOrders).catch('oldest').default('oldest'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type QueueQuery = z.infer<typeof queueQuerySchema>

export const closeReasons = ['resolved_on_call', 'duplicate', 'could_not_contact'] as const
export type CloseReason = (typeof closeReasons)[number]

export const closeFormSchema = z.object({
  reason: z.enum(closeReasons, { error: 'front-door:errors.reasonRequired' }),
  note: z
    .string()
    .optional()
    .transform((value) => value?.trim() ?? '')
    .pipe(z.string().max(2000, 'front-door:errors.tooLong'))
    .transform((value) => (value === '' ? null : value)),
})
export type CloseInput = z.infer<typeof closeFormSchema>

/** A request waiting longer than this many working days is flagged on the queue. */
export const flagAfterWorkingDays = 2

/**
 * The phone-assisted form: the resident's questions (one definition each, shared with the public pages), all on one
 * page for a worker on a call, any contact method allowed, and the caller's verbal consent. Every problem at once.
 */
export function parsePhoneRequest(body: unknown): ParseResult<RequestAnswers> {
  const method = parseForm(contactMethodQuestion(contactMethods), body)
  const parts = [
    parseForm(needQuestion, body),
    parseForm(postcodeQuestion, body),
    parseForm(nameQuestion, body),
    method,
    parseForm(contactDetailsQuestion(method.ok ? method.value.contactMethod : undefined), body),
    parseForm(contactTimesQuestion, body),
    parseForm(safeToLeaveMessageQuestion, body),
    parseForm(languageQuestion, body),
    parseForm(contactDifficultiesQuestion, body),
    parseForm(consentQuestion, body),
  ]
  const errors = parts.flatMap((part) => (part.ok ? [] : part.errors))
  if (errors.length > 0) return { ok: false, errors }
  const answers = Object.assign({}, ...parts.map((part) => (part.ok ? part.value : {}))) as RequestAnswers & { consent?: string }
  const { consent: _agreed, ...request } = answers
  return { ok: true, value: request }
}
