import type { Language } from '../../../platform/i18n/i18n.js'

/** A term's name in the page's language: Welsh where the network has given one, else English. */
export function termName(term: { name: string; nameCy: string | null }, lang: Language | string): string {
  return lang === 'cy' && term.nameCy ? term.nameCy : term.name
}
