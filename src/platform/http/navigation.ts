import type { FastifyRequest } from 'fastify'
import { requiresSecondFactor, type Actor } from '../access/actor.js'
import { can } from '../access/policy.js'

interface NavItem {
  href: string
  text: string
  active?: boolean
}

/** Whether the user works in more than one place (organisations, or networks they coordinate), so can switch. */
export function hasSeveralContexts(actor: Actor): boolean {
  const networksWithRoles = new Set(actor.networkRoles.map((grant) => grant.networkId))
  return actor.memberships.length + networksWithRoles.size > 1
}

/** The service navigation: what this user can reach from anywhere. */
export function navigationFor(request: FastifyRequest): NavItem[] {
  const { actor, t } = request
  const path = request.url.split('?')[0]
  if (!actor?.context) return []
  // Until two-factor is set up every other page leads back to the set-up page, so offer only the way out.
  if (requiresSecondFactor(actor) && !actor.totpEnabled) return [{ href: '/sign-out', text: t('common:nav.signOut') }]
  const context = actor.context
  const items: NavItem[] = [{ href: '/', text: t('common:nav.home') }]
  // Finding the right help is what referrers come for, so it comes first.
  if (can(actor, 'service.view', { networkId: context.networkId })) items.push({ href: '/search', text: t('common:nav.search') })
  // Day-to-day referral work: the organisation's clients and the referrals it received and sent.
  if (context.organisationId) {
    items.push({ href: '/clients', text: t('common:nav.clients') })
    items.push({ href: '/referrals/incoming', text: t('common:nav.incoming') })
    items.push({ href: '/referrals/outgoing', text: t('common:nav.outgoing') })
  }
  if (can(actor, 'front-door.triage', { networkId: context.networkId })) items.push({ href: '/front-door', text: t('front-door:nav') })
  if (can(actor, 'referral.list-network', { networkId: context.networkId })) {
    items.push({ href: '/network/referrals', text: t('common:nav.networkReferrals') })
  }
  // The intelligence hub: the network's figures, or an organisation admin's own.
  if (can(actor, 'hub.view-network', { networkId: context.networkId })) items.push({ href: '/hub', text: t('intelligence:nav') })
  else if (context.organisationId && can(actor, 'hub.view-organisation', { networkId: context.networkId, organisationId: context.organisationId })) {
    items.push({ href: '/hub/organisation', text: t('intelligence:nav') })
  }
  if (can(actor, 'organisation.view', { networkId: context.networkId })) {
    items.push({ href: '/organisations', text: t('common:nav.organisations') })
  }
  if (context.organisationId || can(actor, 'service.verify', { networkId: context.networkId })) {
    items.push({ href: '/services', text: t('common:nav.services') })
  }
  if (can(actor, 'taxonomy.manage', { networkId: context.networkId })) items.push({ href: '/taxonomy', text: t('common:nav.issues') })
  if (context.organisationId && can(actor, 'organisation.manage-users', { networkId: context.networkId, organisationId: context.organisationId })) {
    items.push({ href: `/organisations/${context.organisationId}/users`, text: t('common:nav.users') })
  }
  items.push({ href: '/notifications', text: t('common:nav.notifications') })
  if (hasSeveralContexts(actor)) items.push({ href: '/switch', text: t('common:nav.switch') })
  items.push({ href: '/account', text: t('common:nav.account') })
  items.push({ href: '/sign-out', text: t('common:nav.signOut') })
  // Only the most specific match is current: an organisation's users page is "Users", not also "Organisations".
  const matches = (href: string): boolean => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`))
  const current = items.filter((item) => matches(item.href)).sort((a, b) => b.href.length - a.href.length)[0]
  return items.map((item) => ({ ...item, active: item === current }))
}
