import type { FastifyRequest } from 'fastify'
import { can } from '../access/policy.js'

interface NavItem {
  href: string
  text: string
  active?: boolean
}

/** The service navigation: what this user can reach from anywhere. */
export function navigationFor(request: FastifyRequest): NavItem[] {
  const { actor, t } = request
  const path = request.url.split('?')[0]
  if (!actor?.context) return []
  const context = actor.context
  const items: NavItem[] = [{ href: '/', text: t('common:nav.home') }]
  if (can(actor, 'organisation.view', { networkId: context.networkId })) {
    items.push({ href: '/organisations', text: t('common:nav.organisations') })
  }
  if (context.organisationId && can(actor, 'organisation.manage-users', { networkId: context.networkId, organisationId: context.organisationId })) {
    items.push({ href: `/organisations/${context.organisationId}/users`, text: t('common:nav.users') })
  }
  items.push({ href: '/account', text: t('common:nav.account') })
  items.push({ href: '/sign-out', text: t('common:nav.signOut') })
  return items.map((item) => ({
    ...item,
    active: item.href === '/' ? path === '/' : path.startsWith(item.href),
  }))
}
