import type { Translate } from '../../../platform/i18n/i18n.js'
import { termName } from '../../directory/taxonomy/term-name.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import type { ConsentHistory } from '../consent/consent.service.js'
import type { DocumentSummary } from '../documents/documents.repository.js'
import { ukDate } from '../sla/working-days.js'
import type { ClientListRow, ClientReferralRow, ClientRow, IntakeIssueRow, IntakeRow } from './clients.repository.js'
import { contactMethodValues, householdValues, languageCodes } from './clients.schemas.js'
import { ageOn } from './clients.service.js'
import { dateFormat } from '../../../platform/i18n/date-format.js'

type Values = Record<string, unknown>
const isChosen = (values: Values, name: string, value: string): boolean => {
  const current = values[name]
  return Array.isArray(current) ? current.includes(value) : current === value
}

const formatDate = (lang: string, value: string | Date, withTime = false): string =>
  dateFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
    dateStyle: withTime ? 'medium' : 'long',
    timeStyle: withTime ? 'short' : undefined,
    timeZone: typeof value === 'string' ? 'UTC' : 'Europe/London',
  }).format(typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value)

export { formatDate }

/** Radios, checkboxes and selects of the intake form, keeping what was chosen. */
export function intakeFormItems(t: Translate, lang: string, values: Values, terms: TermRow[]) {
  const radios = (name: string, options: readonly string[], key: string) =>
    options.map((value) => ({ value, text: t(`${key}.${value}`), checked: isChosen(values, name, value) }))
  return {
    issues: terms.map((term) => ({ value: term.id, text: termName(term, lang), checked: isChosen(values, 'issues', term.id) })),
    urgency: radios('urgency', ['standard', 'urgent'], 'clients:urgency').map((item) => ({
      ...item,
      hint: { text: t(`clients:urgencyHint.${item.value}`) },
    })),
    preferredContactMethod: radios('preferredContactMethod', contactMethodValues, 'clients:contactMethods'),
    safeToLeaveMessage: radios('safeToLeaveMessage', ['yes', 'no', 'unknown'], 'clients:yesNoUnknown'),
    nrpf: radios('nrpf', ['yes', 'no', 'unknown'], 'clients:yesNoUnknown'),
    interpreterNeeded: [{ value: 'yes', text: t('clients:form.interpreterNeeded'), checked: values.interpreterNeeded === 'yes' }],
    language: [
      { value: '', text: t('clients:form.languageNotGiven') },
      ...languageCodes.map((code) => ({ value: code, text: t(`directory:languages.${code}`), selected: values.language === code })),
    ],
    household: [
      { value: '', text: t('clients:form.householdNotGiven') },
      ...householdValues.map((value) => ({ value, text: t(`directory:households.${value}`), selected: values.household === value })),
    ],
  }
}

/** The form's fields from a client's record, to offer on the duplicates page. */
export function duplicateItems(t: Translate, lang: string, duplicates: ClientRow[]) {
  return [
    ...duplicates.map((client) => ({
      value: client.id,
      html: undefined,
      text: t('clients:duplicates.useExisting', { name: client.name }),
      hint: {
        text: [
          client.dateOfBirth ? formatDate(lang, client.dateOfBirth) : '',
          client.postcode ?? '',
          t('clients:duplicates.recorded', { date: formatDate(lang, client.createdAt) }),
        ]
          .filter(Boolean)
          .join(' · '),
      },
    })),
    { divider: t('clients:duplicates.or') },
    { value: 'new', text: t('clients:duplicates.createNew') },
  ]
}

const row = (key: string, text: string) => ({ key: { text: key }, value: { text } })

export function clientSummary(t: Translate, lang: string, client: ClientRow, now: Date) {
  const notGiven = t('clients:notGiven')
  const or = (value: string | null | undefined) => (value ? value : notGiven)
  const yesNo = (value: boolean | null) => (value === null ? notGiven : t(`clients:yesNoUnknown.${value ? 'yes' : 'no'}`))
  const age = ageOn(client, ukDate(now))
  const birth = client.dateOfBirth
    ? t('clients:summary.bornOn', { date: formatDate(lang, client.dateOfBirth), age })
    : age !== null
      ? t('clients:summary.ageGiven', { age })
      : notGiven
  return [
    row(t('clients:form.name'), client.name),
    row(t('clients:summary.dateOfBirth'), birth),
    row(t('clients:form.phone'), or(client.phone)),
    row(t('clients:form.email'), or(client.email)),
    row(t('clients:form.address'), or(client.address)),
    row(t('clients:summary.postcode'), or(client.postcode)),
    row(t('clients:summary.preferredContactMethod'), client.preferredContactMethod ? t(`clients:contactMethods.${client.preferredContactMethod}`) : notGiven),
    row(t('clients:summary.contactTimes'), or(client.contactTimes)),
    row(t('clients:summary.safeToLeaveMessage'), yesNo(client.safeToLeaveMessage)),
    row(
      t('clients:form.language'),
      (client.language ? t(`directory:languages.${client.language}`) : notGiven) +
        (client.interpreterNeeded ? ` (${t('clients:summary.interpreterNeeded')})` : ''),
    ),
    row(t('clients:form.accessibilityNeeds'), or(client.accessibilityNeeds)),
    row(t('clients:summary.nrpf'), yesNo(client.nrpf)),
    row(t('clients:form.household'), client.household ? t(`directory:households.${client.household}`) : notGiven),
    row(t('clients:form.dietaryCulturalNeeds'), or(client.dietaryCulturalNeeds)),
  ]
}

const consentTagColour = { active: 'green', missing: 'grey', withdrawn: 'red', expired: 'orange' } as const

/** Consent state as a tag and a sentence, and its history as table rows. */
export function consentView(t: Translate, lang: string, history: ConsentHistory) {
  const current = history.current
  const covers = (consent: NonNullable<typeof current>) =>
    consent.scope === 'named'
      ? consent.organisationIds.map((id) => history.organisationNames.get(id) ?? '').join(', ')
      : t('clients:consent.scopes.organisations_referred_to')
  return {
    state: history.state,
    tag: { text: t(`clients:consentStates.${history.state}`), classes: `govuk-tag--${consentTagColour[history.state]}` },
    sentence: current
      ? t(`clients:consentSentence.${history.state}`, {
          date: formatDate(lang, current.expiresOn),
          withdrawn: current.withdrawnAt ? formatDate(lang, current.withdrawnAt) : '',
        })
      : t('clients:consentSentence.missing'),
    rows: history.consents.map((consent) => [
      { text: formatDate(lang, consent.givenAt, true) },
      { text: t(`clients:consent.methods.${consent.method}`) },
      { text: history.userNames.get(consent.recordedBy) ?? '' },
      { text: covers(consent) },
      { text: consent.purpose },
      { text: formatDate(lang, consent.expiresOn) },
      {
        text: consent.withdrawnAt
          ? t('clients:consent.withdrawnOn', { date: formatDate(lang, consent.withdrawnAt), note: consent.withdrawalNote ?? '' })
          : '',
      },
    ]),
  }
}

const statusColours: Record<string, string> = {
  sent: 'blue',
  received: 'light-blue',
  accepted: 'turquoise',
  in_progress: 'purple',
  completed: 'green',
  unable_to_contact: 'orange',
  declined: 'red',
  withdrawn: 'grey',
}

export function referralRows(t: Translate, lang: string, referrals: ClientReferralRow[], organisationId: string | null, now: Date) {
  const today = ukDate(now)
  const open = ['sent', 'received', 'accepted']
  return referrals.map((referral) => {
    const overdue = open.includes(referral.status) && referral.contactDueOn < today
    return [
      { html: `<a class="govuk-link" href="/referrals/${referral.id}">${escape(referral.reference)}</a>` },
      { text: `${referral.serviceName} (${referral.toOrganisationName})` },
      { text: t(referral.fromOrganisationId === organisationId ? 'clients:referrals.sent' : 'clients:referrals.received') },
      { html: `<strong class="govuk-tag govuk-tag--${statusColours[referral.status] ?? 'grey'}">${escape(t(`clients:statuses.${referral.status}`))}</strong>` },
      {
        html: `${escape(formatDate(lang, referral.contactDueOn))}${overdue ? ` <strong class="govuk-tag govuk-tag--red">${escape(t('clients:referrals.overdue'))}</strong>` : ''}`,
      },
    ]
  })
}

export function documentRows(t: Translate, lang: string, documents: DocumentSummary[]) {
  return documents.map((document) => [
    { html: `<a class="govuk-link" href="/documents/${document.id}" download>${escape(document.filename)}</a>` },
    { text: `${Math.max(1, Math.round(document.sizeBytes / 1024))} KB` },
    { text: document.uploadedByName ?? '' },
    { text: formatDate(lang, document.createdAt, true) },
  ])
}

export function issueNames(lang: string, issues: IntakeIssueRow[], intakeId: string): string {
  return issues
    .filter((issue) => issue.intakeId === intakeId)
    .map((issue) => termName(issue, lang))
    .join(', ')
}

export function intakeRows(t: Translate, lang: string, intakes: IntakeRow[], issues: IntakeIssueRow[]) {
  return intakes.map((intake) => [
    { html: `<a class="govuk-link" href="/intakes/${intake.id}">${escape(formatDate(lang, intake.createdAt))}</a>` },
    { text: intake.need.length > 120 ? `${intake.need.slice(0, 117)}…` : intake.need },
    { text: issueNames(lang, issues, intake.id) },
    { text: t(`clients:urgency.${intake.urgency}`) },
  ])
}

export function clientRows(t: Translate, lang: string, rows: ClientListRow[], now: Date) {
  const today = ukDate(now)
  return rows.map((client) => {
    const age = ageOn(client, today)
    return [
      { html: `<a class="govuk-link" href="/clients/${client.id}">${escape(client.name)}</a>` },
      { text: client.dateOfBirth ? formatDate(lang, client.dateOfBirth) : age !== null ? t('clients:summary.ageGiven', { age }) : '' },
      { text: client.postcode ?? '' },
      { text: formatDate(lang, client.updatedAt) },
    ]
  })
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}
