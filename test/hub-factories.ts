import { randomUUID } from 'node:crypto'
import { loadActor, type ContextChoice } from '../src/platform/access/actor.js'
import type { Caller } from '../src/platform/access/caller.js'
import { addMembership, grantNetworkRole, networkFactory, organisationFactory, userFactory } from './factories.js'
import { serviceFactory } from './directory-factories.js'
import { clientFactory, intakeFactory, referralFactory } from './referral-factories.js'
import { testDatabase } from './support/database.js'

/**
 * A small network for the intelligence hub's tests, with known answers: an advice centre, the council (local
 * authority, statutory) and a foodbank, each with one service, and the people who look at the figures.
 */
export async function hubWorld() {
  const network = await networkFactory.create({ nation: 'england' })
  const advice = await organisationFactory.create({ networkId: network.id, name: `Advice ${randomUUID().slice(0, 6)}` })
  const council = await organisationFactory.create({ networkId: network.id, name: `Council ${randomUUID().slice(0, 6)}`, type: 'local_authority', statutory: true })
  const foodbank = await organisationFactory.create({ networkId: network.id, name: `Foodbank ${randomUUID().slice(0, 6)}`, type: 'foodbank' })
  const debt = await serviceFactory.create({ networkId: network.id, organisationId: advice.id, name: 'Debt advice' })
  const housing = await serviceFactory.create({ networkId: network.id, organisationId: council.id, name: 'Housing options' })
  const food = await serviceFactory.create({ networkId: network.id, organisationId: foodbank.id, name: 'Food parcels' })
  const coordinator = await userFactory.transient({ totp: true }).create()
  await grantNetworkRole(coordinator, network, 'coordinator')
  const analyst = await userFactory.create()
  await grantNetworkRole(analyst, network, 'analyst')
  const adviceAdmin = await userFactory.transient({ totp: true }).create()
  await addMembership(adviceAdmin, advice, 'organisation_admin')
  const referrer = await userFactory.create()
  await addMembership(referrer, foodbank, 'referrer')
  return { network, advice, council, foodbank, debt, housing, food, coordinator, analyst, adviceAdmin, referrer }
}

export type HubWorld = Awaited<ReturnType<typeof hubWorld>>

export interface HubReferralValues {
  from: { id: string }
  to: { id: string; organisationId: string }
  /** ISO timestamp. */
  sentAt: string
  contactDueOn?: string
  status?: 'sent' | 'received' | 'accepted' | 'in_progress' | 'completed' | 'unable_to_contact' | 'declined' | 'withdrawn'
  contactedAt?: string
  acceptedAt?: string
  declineReason?: string
  outcome?: string
  postcode?: string | null
  issues?: string[]
  /** Reuse a client (for repeat crisis). */
  clientId?: string
}

/** One referral with its own intake (and client unless given), dated as asked; updated_at is when it was sent. */
export async function hubReferral(networkId: string, values: HubReferralValues) {
  const clientId =
    values.clientId ?? (await clientFactory.create({ networkId, organisationId: values.from.id, postcode: values.postcode === undefined ? 'E1 6AN' : values.postcode })).id
  const intake = await intakeFactory.transient({ issues: values.issues ?? ['debt'] }).create({ networkId, organisationId: values.from.id, clientId })
  const sentAt = new Date(values.sentAt)
  return referralFactory.create({
    networkId,
    intakeId: intake.id,
    clientId,
    fromOrganisationId: values.from.id,
    serviceId: values.to.id,
    toOrganisationId: values.to.organisationId,
    status: values.status ?? 'sent',
    contactDueOn: values.contactDueOn ?? '2099-01-01',
    sentAt,
    contactedAt: values.contactedAt ? new Date(values.contactedAt) : null,
    acceptedAt: values.acceptedAt ? new Date(values.acceptedAt) : null,
    declineReason: values.declineReason ?? null,
    outcome: values.outcome ?? null,
    updatedAt: sentAt,
  })
}

export async function hubCaller(user: { id: string }, choice?: ContextChoice, language: 'en' | 'cy' = 'en'): Promise<Caller> {
  const { db } = await testDatabase()
  return { actor: await loadActor(db, user.id, choice), language, requestId: 'test' }
}
