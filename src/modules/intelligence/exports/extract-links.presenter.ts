import type { Actor } from '../../../platform/access/actor.js'
import { can } from '../../../platform/access/policy.js'
import { translator, type Language } from '../../../platform/i18n/i18n.js'

export interface ExtractLinksView {
  heading: string
  text: string
  links: { href: string; text: string }[]
}

/** The coordinator's links to the anonymised referral extract for the page's period; null for anyone else. */
export function presentExtractLinks(actor: Actor | null, lang: Language, period: { from: string; to: string }): ExtractLinksView | null {
  const networkId = actor?.context?.networkId
  if (!networkId || !can(actor, 'hub.extract', { networkId })) return null
  const t = translator(lang)
  const query = new URLSearchParams(period).toString()
  return {
    heading: t('intelligence:exports.extract.title'),
    text: t('intelligence:exports.extract.explanation'),
    links: (['csv', 'xlsx'] as const).map((format) => ({ href: `/hub/export/referrals.${format}?${query}`, text: t(`intelligence:exports.extract.${format}`) })),
  }
}
