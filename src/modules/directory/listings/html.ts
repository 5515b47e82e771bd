
import { escapeHtml } from '../../../platform/views/escape-html.js'

/** Small pieces of markup the directory's presenters build for GOV.UK table and summary-list cells. */

export type TagColour = 'green' | 'yellow' | 'red' | 'grey' | 'blue' | 'orange' | 'purple'

export function tagHtml(text: string, colour: TagColour): string {
  return `<strong class="govuk-tag govuk-tag--${colour}">${escapeHtml(text)}</strong>`
}


/** Text with its line breaks kept, safe for an html cell. */
export function paragraphsHtml(value: string): string {
  return value
    .split(/\n{2,}/)
    .map((paragraph) => `<p class="govuk-body">${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('')
}
