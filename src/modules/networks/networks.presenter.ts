import type { Actor } from '../../platform/access/actor.js'
import type { Translate } from '../../platform/i18n/i18n.js'
export { hasSeveralContexts } from '../../platform/http/navigation.js'
import type { OrganisationRow } from './networks.repository.js'
import { nationValues, organisationRoleValues, organisationTypeValues } from './networks.schemas.js'

/** View models for the networks pages: labels, radio items and table rows, so templates stay simple. */

type FormValues = Record<string, unknown>

interface RadioItem {
  value: string
  text: string
  checked: boolean
  hint?: { text: string }
}

const valueOf = (values: FormValues, field: string): string => {
  const value = values[field]
  return typeof value === 'string' ? value : ''
}

export function nationItems(t: Translate, values: FormValues): RadioItem[] {
  return nationValues.map((nation) => ({ value: nation, text: t(`networks:nations.${nation}`), checked: valueOf(values, 'nation') === nation }))
}

export function typeItems(t: Translate, values: FormValues): RadioItem[] {
  return organisationTypeValues.map((type) => ({ value: type, text: t(`networks:types.${type}`), checked: valueOf(values, 'type') === type }))
}

/** Options for the organisations list's type filter: any type, then each type. */
export function typeFilterItems(t: Translate, selected: string | undefined): { value: string; text: string; selected: boolean }[] {
  return [
    { value: '', text: t('networks:organisations.anyType'), selected: !selected },
    ...organisationTypeValues.map((type) => ({ value: type, text: t(`networks:types.${type}`), selected: type === selected })),
  ]
}

export function roleItems(t: Translate, values: FormValues): RadioItem[] {
  return organisationRoleValues.map((role) => ({
    value: role,
    text: t(`networks:roles.${role}`),
    hint: { text: t(`networks:roleHints.${role}`) },
    checked: valueOf(values, 'role') === role,
  }))
}

export function statutoryItems(t: Translate, values: FormValues): RadioItem[] {
  return [
    { value: 'yes', text: t('networks:yes'), checked: valueOf(values, 'statutory') === 'yes' },
    { value: 'no', text: t('networks:no'), checked: valueOf(values, 'statutory') === 'no' },
  ]
}

export function frontDoorItems(t: Translate, values: FormValues): RadioItem[] {
  return [
    { value: 'yes', text: t('networks:yes'), checked: valueOf(values, 'frontDoor') === 'yes' },
    { value: 'no', text: t('networks:no'), checked: valueOf(values, 'frontDoor') !== 'yes' },
  ]
}

/** What the edit form shows before anything is typed. */
export function organisationFormValues(organisation: OrganisationRow): FormValues {
  return {
    name: organisation.name,
    type: organisation.type,
    charityNumber: organisation.charityNumber ?? '',
    companyNumber: organisation.companyNumber ?? '',
    statutory: organisation.statutory ? 'yes' : 'no',
    frontDoor: organisation.frontDoor ? 'yes' : 'no',
  }
}

/** A form re-shown after an error keeps what was typed, but never a password. */
export function keptValues(body: unknown, drop: string[] = []): FormValues {
  if (!body || typeof body !== 'object') return {}
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([key]) => key !== '_csrf' && !drop.includes(key)),
  )
}

export function organisationSummary(t: Translate, organisation: OrganisationRow) {
  const orNotGiven = (value: string | null): string => value ?? t('networks:notGiven')
  return [
    { key: { text: t('networks:organisation.name') }, value: { text: organisation.name } },
    { key: { text: t('networks:organisation.type') }, value: { text: t(`networks:types.${organisation.type}`) } },
    { key: { text: t('networks:organisation.charityNumber') }, value: { text: orNotGiven(organisation.charityNumber) } },
    { key: { text: t('networks:organisation.companyNumber') }, value: { text: orNotGiven(organisation.companyNumber) } },
    {
      key: { text: t('networks:organisation.statutory') },
      value: { text: organisation.statutory ? t('networks:yes') : t('networks:no') },
    },
    { key: { text: t('networks:organisation.frontDoor') }, value: { text: organisation.frontDoor ? t('networks:yes') : t('networks:no') } },
  ]
}

export interface ContextChoiceView {
  value: string
  text: string
  hint?: { text: string }
  checked: boolean
}

/** Every place the user can work: each organisation membership, and each network where they have a network role. */
export function contextChoices(t: Translate, actor: Actor): ContextChoiceView[] {
  const current = actor.context
  const memberships = actor.memberships.map((membership) => ({
    value: `${membership.networkId}/${membership.organisationId}`,
    text: membership.organisationName,
    hint: { text: `${membership.networkName} · ${t(`networks:roles.${membership.role}`)}` },
    checked: current?.networkId === membership.networkId && current.organisationId === membership.organisationId,
  }))
  const seen = new Set<string>()
  const networks = actor.networkRoles
    .filter((grant) => !seen.has(grant.networkId) && seen.add(grant.networkId))
    .map((grant) => ({
      value: `${grant.networkId}/network`,
      text: t('networks:switch.wholeNetwork', { network: grant.networkName }),
      hint: {
        text: actor.networkRoles
          .filter((other) => other.networkId === grant.networkId)
          .map((other) => t(`networks:roles.${other.role}`))
          .join(', '),
      },
      checked: current?.networkId === grant.networkId && current.organisationId === null,
    }))
  return [...networks, ...memberships]
}
