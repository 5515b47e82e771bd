import type { PublicLanguage } from '../../../platform/i18n/i18n.js'
import { escapeHtml } from '../../../platform/views/escape-html.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import { issueItems, issueName } from '../finder/finder.presenter.js'
import type { PublicTranslate } from '../public/public-pages.js'
import { contactLanguages, onlineContactMethods, type DraftAnswers, type QuestionSlug } from './ask.schemas.js'

/** The answers as the question pages' form values (strings), with the page's language as the default language. */
export function formValues(answers: DraftAnswers, language: PublicLanguage): Record<string, unknown> {
  const yesNo = (value: boolean | null | undefined): string | undefined => (value === true ? 'yes' : value === false ? 'no' : undefined)
  return {
    issue: answers.issueTermIds ?? [],
    need: answers.need ?? '',
    postcode: answers.postcode ?? '',
    name: answers.name ?? '',
    contactMethod: answers.contactMethod,
    contactMethodChosen: answers.contactMethod,
    phone: answers.phone ?? '',
    email: answers.email ?? '',
    contactTimes: answers.contactTimes ?? '',
    safeToLeaveMessage: yesNo(answers.safeToLeaveMessage),
    language: answers.language ?? language,
    interpreterNeeded: answers.interpreterNeeded ? 'yes' : undefined,
    contactDifficulties: answers.contactDifficulties ?? '',
  }
}

function languageName(code: string, language: PublicLanguage): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

/** Languages to contact them in: each named in the page's language, the page's own language first. */
export function languageItems(selected: string, language: PublicLanguage) {
  const items = contactLanguages.map((code) => ({ value: code, text: languageName(code, language), selected: code === selected }))
  const own = items.filter((item) => item.value === language)
  const others = items.filter((item) => item.value !== language).sort((a, b) => a.text.localeCompare(b.text, language))
  return [...own, ...others]
}

const asArray = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [])

/** What one question page shows: its heading (the question) and its choices, in the page's language. */
export function questionView(
  slug: QuestionSlug,
  input: { values: Record<string, unknown>; terms: TermRow[]; language: PublicLanguage; t: PublicTranslate; contactMethod?: string },
): Record<string, unknown> {
  const { values, terms, language, t } = input
  switch (slug) {
    case 'need':
      return { title: t('ask.need.title'), issues: issueItems(terms, asArray(values.issue), language, t) }
    case 'contact-method':
      return {
        title: t('ask.contactMethod.title'),
        methods: onlineContactMethods.map((method) => ({ value: method, text: t(`contactMethods.${method}`), checked: values.contactMethod === method })),
      }
    case 'contact-details': {
      const method = input.contactMethod
      return { title: method === 'email' ? t('ask.contactDetails.emailTitle') : t('ask.contactDetails.phoneTitle'), wantsEmail: method === 'email' }
    }
    case 'language':
      return { title: t('ask.language.title'), languages: languageItems(String(values.language ?? language), language) }
    case 'postcode':
      return { title: t('ask.postcode.title') }
    case 'name':
      return { title: t('ask.name.title') }
    case 'contact-times':
      return { title: t('ask.contactTimes.title') }
    case 'message':
      return { title: t('ask.message.title') }
    case 'contact-difficulties':
      return { title: t('ask.contactDifficulties.title') }
  }
}

/** Check your answers: one row per question, each with a link to change it. */
export function checkRows(answers: DraftAnswers, terms: TermRow[], base: string, language: PublicLanguage, t: PublicTranslate) {
  const none = t('answers.notGiven')
  const issues = terms.filter((term) => answers.issueTermIds?.includes(term.id)).map((term) => issueName(term, language, t))
  const need = [issues.join(', '), answers.need ?? ''].filter((part) => part !== '').join('\n')
  const yesNo = (value: boolean | null | undefined): string => (value === true ? t('answers.yes') : value === false ? t('answers.no') : none)
  // Each line isolated from the page's direction (an English name on an Arabic page); numbers and addresses left to right.
  const row = (slug: QuestionSlug, key: string, value: string, direction: 'auto' | 'ltr' = 'auto') => ({
    key: { text: t(`ask.check.${key}`) },
    value: { html: value ? value.split('\n').map((line) => `<bdi dir="${direction}">${escapeHtml(line)}</bdi>`).join('<br>') : escapeHtml(none) },
    actions: { items: [{ href: `${base}/${slug}?change=1`, text: t('ask.check.change'), visuallyHiddenText: t(`ask.check.${key}`) }] },
  })
  const contact = [answers.phone, answers.email].filter((part): part is string => Boolean(part)).join('\n')
  const spoken = answers.language ? languageName(answers.language, language) : ''
  return [
    row('need', 'need', need),
    row('postcode', 'postcode', answers.postcode ?? '', 'ltr'),
    row('name', 'name', answers.name ?? ''),
    row('contact-method', 'contactMethod', answers.contactMethod ? t(`contactMethods.${answers.contactMethod}`) : ''),
    row('contact-details', 'contactDetails', contact, 'ltr'),
    row('contact-times', 'contactTimes', answers.contactTimes ?? ''),
    row('message', 'message', yesNo(answers.safeToLeaveMessage)),
    row('language', 'language', answers.interpreterNeeded ? `${spoken}\n${t('ask.check.interpreter')}` : spoken),
    row('contact-difficulties', 'contactDifficulties', answers.contactDifficulties ?? ''),
  ]
}
