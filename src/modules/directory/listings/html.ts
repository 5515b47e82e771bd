import type { Language } from '../../../platform/i18n/i18n.js'
import { dateFormat } from '../../../platform/i18n/date-format.js'

/** Small pieces of markup the directory's presenters build for GOV.UK table and summary-list cells. */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

export type TagColour = 'green' | 'yellow' | 'red' | 'grey' | 'blue' | 'orange' | 'purple'

export function tagHtml(text: string, colour: TagColour): string {
  return `<strong class="govuk-tag govuk-tag--${colour}">${escapeHtml(text)}</strong>`
}

/** A date (Date or 'YYYY-MM-DD') as people write it: '3 January 2026' / '3 Ionawr 2026'. */
export function longDate(value: Date | string, lang: Language): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value
  return dateFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(date)
}

/** Text with its line breaks kept, safe for an html cell. */
export function paragraphsHtml(value: string): string {
  return value
    .split(/\n{2,}/)
    .map((paragraph) => `<p class="govuk-body">${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('')
}
