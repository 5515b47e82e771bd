import { loadActor } from '../../../platform/access/actor.js'
import type { Caller } from '../../../platform/access/caller.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { addMembership, grantNetworkRole, networkFactory, organisationFactory, userFactory } from '../../../../test/factories.js'
import { clientFactory, consentFactory, intakeFactory } from '../../../../test/referral-factories.js'
import { testDatabase } from '../../../../test/support/database.js'

type Nation = 'england' | 'wales' | 'scotland' | 'northern_ireland'

async function callerFor(userId: string): Promise<Caller> {
  const { db } = await testDatabase()
  return { actor: await loadActor(db, userId), language: 'en' }
}

/**
 * A network of its own: a foodbank (A) that refers, three receiving organisations (B, C, E) each with a debt
 * service, and an organisation (D) with no part in the referral. The client at A has consent and a debt intake.
 */
export async function referralWorld(options: { nation?: Nation; consent?: boolean } = {}) {
  const network = await networkFactory.create({ nation: options.nation ?? 'england' })
  const [foodbank, adviceB, housingC, otherD, charityE] = await Promise.all(
    ['Foodbank', 'Debt Advice', 'Housing Trust', 'Unrelated', 'Money Charity'].map((name) =>
      organisationFactory.create({ networkId: network.id, name: `${name} ${network.slug}` }),
    ),
  )
  const person = async (organisation: { id: string; networkId: string }, role: 'referrer' | 'receiver' | 'organisation_admin') => {
    const user = await userFactory.create()
    await addMembership(user, organisation, role)
    return user
  }
  const referrer = await person(foodbank, 'referrer')
  const receiverB = await person(adviceB, 'receiver')
  const receiverC = await person(housingC, 'receiver')
  const outsider = await person(otherD, 'receiver')
  const coordinator = await userFactory.transient({ totp: true }).create()
  await grantNetworkRole(coordinator, network, 'coordinator')
  const ids = { networkId: network.id }
  const debtB = await serviceFactory.transient({ issues: ['debt'] }).create({ ...ids, organisationId: adviceB.id, name: 'Debt Advice Line' })
  const debtC = await serviceFactory.transient({ issues: ['debt'] }).create({ ...ids, organisationId: housingC.id, name: 'Rent Arrears Help' })
  const debtE = await serviceFactory.transient({ issues: ['debt'] }).create({ ...ids, organisationId: charityE.id, name: 'Money Charity Casework' })
  const client = await clientFactory.create({ ...ids, organisationId: foodbank.id, dateOfBirth: '1980-05-17' })
  if (options.consent !== false) {
    await consentFactory.create({ ...ids, clientId: client.id, recordedBy: referrer.id, recordedByOrganisationId: foodbank.id, expiresOn: '2099-12-31' })
  }
  const intake = await intakeFactory.transient({ issues: ['debt'] }).create({ ...ids, organisationId: foodbank.id, clientId: client.id })
  return {
    network,
    organisations: { foodbank, adviceB, housingC, otherD, charityE },
    people: { referrer, receiverB, receiverC, outsider, coordinator },
    services: { debtB, debtC, debtE },
    client,
    intake,
    as: callerFor,
  }
}

export type ReferralWorld = Awaited<ReturnType<typeof referralWorld>>
