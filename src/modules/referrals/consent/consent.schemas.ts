import { z } from 'zod'
import { consentMethod, consentScope } from '../../../db/schema/index.js'
import { checkboxes, dateFromParts } from '../clients/clients.schemas.js'
import { dateFormat } from '../../../platform/i18n/date-format.js'

export const consentMethodValues = consentMethod.enumValues
export const consentScopeValues = consentScope.enumValues

const part = z
  .string()
  .optional()
  .transform((value) => value?.trim() ?? '')

/** An instant typed as a UK date and time ('Europe/London'), as the worker reads it off the clock. */
export function londonInstant(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`)
  // The offset of London from UTC at about that moment: 0 in winter, 60 minutes in summer.
  const shown = dateFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(guess)
  const [hours, minutes] = shown.split(':').map(Number)
  const offsetMinutes = (hours * 60 + minutes - (guess.getUTCHours() * 60 + guess.getUTCMinutes()) + 1440) % 1440
  return new Date(guess.getTime() - (offsetMinutes > 720 ? offsetMinutes - 1440 : offsetMinutes) * 60_000)
}

/** Recording (or renewing) consent: how, when, to whom, for what, until when. */
export const consentFormSchema = z
  .object({
    method: z.enum(consentMethodValues, { error: 'clients:errors.consentMethodRequired' }),
    givenDay: part,
    givenMonth: part,
    givenYear: part,
    givenTime: part,
    scope: z.enum(consentScopeValues, { error: 'clients:errors.consentScopeRequired' }),
    organisations: checkboxes(z.uuid({ error: 'clients:errors.choiceInvalid' })),
    purpose: z.string({ error: 'clients:errors.purposeRequired' }).trim().min(1, 'clients:errors.purposeRequired').max(2000, 'clients:errors.tooLong'),
    expiresDay: part,
    expiresMonth: part,
    expiresYear: part,
  })
  .superRefine(
    (form, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      const given = dateFromParts(form.givenDay ?? '', form.givenMonth ?? '', form.givenYear ?? '')
      if (given === null || given === 'invalid') issue('givenDay', 'clients:errors.givenDateInvalid')
      if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(form.givenTime ?? '')) issue('givenTime', 'clients:errors.givenTimeInvalid')
      const expires = dateFromParts(form.expiresDay ?? '', form.expiresMonth ?? '', form.expiresYear ?? '')
      if (expires === null || expires === 'invalid') issue('expiresDay', 'clients:errors.expiresInvalid')
      else if (typeof given === 'string' && given !== 'invalid' && expires <= given) issue('expiresDay', 'clients:errors.expiresBeforeGiven')
      if (form.scope === 'named' && Array.isArray(form.organisations) && form.organisations.length === 0) {
        issue('organisations', 'clients:errors.organisationsRequired')
      }
    },
    { when: () => true },
  )
  .transform((form) => {
    const given = dateFromParts(form.givenDay, form.givenMonth, form.givenYear) as string
    const [hours, minutes] = form.givenTime.split(':')
    return {
      method: form.method,
      givenOn: given,
      givenAt: londonInstant(given, `${hours.padStart(2, '0')}:${minutes}`),
      scope: form.scope,
      organisationIds: form.scope === 'named' ? [...new Set(form.organisations)] : [],
      purpose: form.purpose,
      expiresOn: dateFromParts(form.expiresDay, form.expiresMonth, form.expiresYear) as string,
    }
  })

export type ConsentInput = z.infer<typeof consentFormSchema>

export const withdrawalFormSchema = z.object({
  note: z.string({ error: 'clients:errors.withdrawalNoteRequired' }).trim().min(1, 'clients:errors.withdrawalNoteRequired').max(2000, 'clients:errors.tooLong'),
})
