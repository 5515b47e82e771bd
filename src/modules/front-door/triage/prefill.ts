import { languageCodes } from '../../referrals/clients/clients.schemas.js'
import type { RequestRow } from './triage.repository.js'

/** The intake form's fields, as the browser would post them. */
export type IntakeFormValues = Record<string, string | string[] | undefined>

const listedLanguage = (code: string): boolean => (languageCodes as readonly string[]).includes(code)

/**
 * Everything the resident already told the front door, as the intake form's answers, so nobody types it again:
 * the worker checks it, adds what is missing (a date of birth, an address) and saves. What makes contact hard
 * goes into the accessibility notes; a language the form does not list is written there too, by its code.
 */
export function intakeValuesFrom(
  request: Pick<
    RequestRow,
    | 'name'
    | 'phone'
    | 'email'
    | 'postcode'
    | 'contactMethod'
    | 'contactTimes'
    | 'safeToLeaveMessage'
    | 'language'
    | 'interpreterNeeded'
    | 'contactDifficulties'
    | 'need'
    | 'issueTermIds'
  >,
  offeredTermIds: ReadonlySet<string>,
  otherLanguageNote: (code: string) => string,
): IntakeFormValues {
  const languageListed = listedLanguage(request.language)
  const notes = [languageListed ? null : otherLanguageNote(request.language), request.contactDifficulties].filter((note): note is string => !!note)
  return {
    name: request.name,
    phone: request.phone ?? '',
    email: request.email ?? '',
    postcode: request.postcode ?? '',
    preferredContactMethod: request.contactMethod ?? '',
    contactTimes: request.contactTimes ?? '',
    safeToLeaveMessage: request.safeToLeaveMessage === null ? '' : request.safeToLeaveMessage ? 'yes' : 'no',
    language: languageListed ? request.language : '',
    interpreterNeeded: request.interpreterNeeded ? 'yes' : undefined,
    accessibilityNeeds: notes.join('\n'),
    need: request.need,
    // An issue the network has since retired cannot be chosen on the form any more.
    issues: request.issueTermIds.filter((id) => offeredTermIds.has(id)),
    urgency: 'standard',
  }
}
