import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import type { TermNameRow, TermWithCount } from './taxonomy.repository.js'
import type { TermView } from './taxonomy.service.js'
import { escapeHtml } from '../../../platform/views/escape-html.js'
import { tagHtml } from '../listings/html.js'
import { termName } from './term-name.js'
import { longDate } from '../../../platform/i18n/date-format.js'

/** View models for the coordinator's issue pages. */

const dateIn = (lang: Language, date: Date): string => longDate(date, lang)

export function termListRows(t: Translate, lang: Language, terms: TermWithCount[]) {
  return terms.map((term) => [
    { html: `<a class="govuk-link" href="/taxonomy/${term.id}">${escapeHtml(termName(term, lang))}</a>` },
    { text: lang === 'cy' ? term.name : term.nameCy, attributes: { lang: lang === 'cy' ? 'en' : 'cy' } },
    { text: String(term.serviceCount), format: 'numeric' },
    {
      html: term.retiredAt
        ? tagHtml(t('directory:taxonomy.retiredTag'), 'grey')
        : tagHtml(t('directory:taxonomy.inUseTag'), 'green'),
    },
  ])
}

export function termSummary(t: Translate, view: TermView) {
  const { term } = view
  return [
    { key: { text: t('directory:taxonomy.nameEn') }, value: { text: term.name } },
    { key: { text: t('directory:taxonomy.nameCy') }, value: { html: `<span lang="cy">${escapeHtml(term.nameCy)}</span>` } },
    { key: { text: t('directory:taxonomy.description') }, value: { text: term.description || t('directory:notGiven') } },
    { key: { text: t('directory:taxonomy.services') }, value: { text: String(view.serviceCount) } },
    {
      key: { text: t('directory:taxonomy.status') },
      value: { text: term.retiredAt ? t('directory:taxonomy.retiredTag') : t('directory:taxonomy.inUseTag') },
    },
  ]
}

/** Every name the term has had, newest first, with when it was in use. */
export function termHistoryRows(t: Translate, lang: Language, names: TermNameRow[]) {
  return names.map((row) => [
    { text: row.name },
    { html: `<span lang="cy">${escapeHtml(row.nameCy)}</span>` },
    { text: dateIn(lang, row.validFrom) },
    { text: row.validTo ? dateIn(lang, row.validTo) : t('directory:taxonomy.current') },
  ])
}
