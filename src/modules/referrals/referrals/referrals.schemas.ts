import { z } from 'zod'
import type { Chosen } from './dispatch.js'
import { declineReasons, outcomeCodes } from './referral-codes.js'
import type { ActionInput } from './lifecycle.service.js'
import type { LifecycleAction } from './referral-states.js'

/** The forms of sending, re-routing, the lifecycle moves and messages. Messages are i18n keys under referrals:errors. */

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const single = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value)
const trimmed = (value: unknown): unknown => {
  const one = single(value)
  return typeof one === 'string' ? one.trim() : one
}
const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])
const ids = z.preprocess(list, z.array(z.unknown()).transform((values) => values.filter((value): value is string => typeof value === 'string' && uuid.test(value))))
const optionalText = (max: number) => z.preprocess(trimmed, z.string().max(max, 'referrals:errors.tooLong').optional()).transform((value) => value || undefined)
const requiredText = (max: number, message: string) => z.preprocess(trimmed, z.string({ error: message }).min(1, message).max(max, 'referrals:errors.tooLong'))

/** The key the page put in the form: the same key twice means the same send. */
const idempotencyKey = z.preprocess(trimmed, z.string({ error: 'referrals:errors.formExpired' }).regex(uuid, 'referrals:errors.formExpired'))

export const nameSearchSchema = z.object({ name: optionalText(200) })

export const sendFormSchema = z.object({ key: idempotencyKey, service: ids, name: optionalText(200) })
/** What of a refused form is kept to show it again (built once: a schema is costly to make per request). */
export const sendFormKeptSchema = sendFormSchema.partial()

export const rerouteFormSchema = z.object({
  key: idempotencyKey,
  service: z.preprocess(trimmed, z.string({ error: 'referrals:errors.chooseOneService' }).regex(uuid, 'referrals:errors.chooseOneService')),
  name: optionalText(200),
})
export const rerouteFormKeptSchema = rerouteFormSchema.partial()

/** Each chosen service with the justification typed for it (only asked where the client does not meet its criteria). */
export function chosenFrom(body: unknown, serviceIds: string[]): Chosen[] {
  const fields = (body ?? {}) as Record<string, unknown>
  return serviceIds.map((serviceId) => {
    const text = trimmed(fields[`justification-${serviceId}`])
    return { serviceId, justification: typeof text === 'string' && text !== '' ? text.slice(0, 2000) : undefined }
  })
}

const note = optionalText(2000)
const requiredNote = requiredText(2000, 'referrals:errors.noteRequired')

const actionSchemas = {
  accept: z.object({ note }).transform((value): ActionInput => ({ action: 'accept', note: value.note })),
  contact: z.object({ note }).transform((value): ActionInput => ({ action: 'contact', note: value.note })),
  complete: z
    .object({ outcome: z.preprocess(list, z.array(z.enum(outcomeCodes, { error: 'referrals:errors.outcomeRequired' })).min(1, 'referrals:errors.outcomeRequired')), note })
    .transform((value): ActionInput => ({ action: 'complete', outcomes: [...new Set(value.outcome)], note: value.note })),
  'unable-to-contact': z.object({ note: requiredText(2000, 'referrals:errors.attemptsRequired') }).transform((value): ActionInput => ({ action: 'unable-to-contact', note: value.note })),
  decline: z
    .object({ reason: z.preprocess(trimmed, z.enum(declineReasons, { error: 'referrals:errors.reasonRequired' })), note })
    .superRefine((value, context) => {
      if (value.reason === 'other' && !value.note) context.addIssue({ code: 'custom', path: ['note'], message: 'referrals:errors.otherReasonNote' })
    })
    .transform((value): ActionInput => ({ action: 'decline', reason: value.reason, note: value.note })),
  withdraw: z.object({ note: requiredNote }).transform((value): ActionInput => ({ action: 'withdraw', note: value.note })),
} satisfies Record<LifecycleAction, z.ZodType<ActionInput>>

export function actionSchema(action: LifecycleAction): z.ZodType<ActionInput> {
  return actionSchemas[action]
}

export const messageSchema = z.object({ body: requiredText(5000, 'referrals:errors.messageRequired') })
