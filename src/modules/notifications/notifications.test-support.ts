import { notificationPreferences } from '../../db/schema/index.js'
import { addMembership, grantNetworkRole, networkFactory, organisationFactory, userFactory } from '../../../test/factories.js'
import { serviceFactory } from '../../../test/directory-factories.js'
import { clientFactory, intakeFactory, referralFactory } from '../../../test/referral-factories.js'
import { testDatabase } from '../../../test/support/database.js'

export async function preferEmail(user: { id: string }, email: 'immediately' | 'daily' | 'off'): Promise<void> {
  const { db } = await testDatabase()
  await db.insert(notificationPreferences).values({ userId: user.id, email }).onConflictDoUpdate({ target: notificationPreferences.userId, set: { email } })
}

/**
 * A sending organisation (the referrer who sent, a colleague, an admin), a receiving one (two receivers, an
 * admin, a referrer), a third organisation and a coordinator; one client with the personal details no
 * notification may carry, and a referral from the first to the second.
 */
export async function referralBetweenTwoOrganisations(nation: 'england' | 'scotland' = 'england') {
  const network = await networkFactory.create({ nation })
  const sending = await organisationFactory.create({ networkId: network.id, name: `Eastside Foodbank ${network.slug}` })
  const receiving = await organisationFactory.create({ networkId: network.id, name: `Money Advice ${network.slug}` })
  const third = await organisationFactory.create({ networkId: network.id })
  const person = async (organisation: { id: string; networkId: string }, role: 'referrer' | 'receiver' | 'organisation_admin', language = 'en') => {
    const user = await userFactory.create({ language })
    await addMembership(user, organisation, role)
    return user
  }
  const sender = await person(sending, 'referrer', 'cy')
  const senderColleague = await person(sending, 'referrer')
  const sendingAdmin = await person(sending, 'organisation_admin')
  const receiver = await person(receiving, 'receiver')
  const dailyReceiver = await person(receiving, 'receiver')
  const receivingAdmin = await person(receiving, 'organisation_admin')
  const receivingReferrer = await person(receiving, 'referrer')
  const thirdReceiver = await person(third, 'receiver')
  const thirdAdmin = await person(third, 'organisation_admin')
  const coordinator = await userFactory.create()
  await grantNetworkRole(coordinator, network, 'coordinator')
  await preferEmail(dailyReceiver, 'daily')
  await preferEmail(receivingAdmin, 'off')
  const service = await serviceFactory.create({ networkId: network.id, organisationId: receiving.id, name: 'Debt Advice Line' })
  const client = await clientFactory.create({
    networkId: network.id,
    organisationId: sending.id,
    name: 'Mohammed Zorro-Quill',
    phone: '07700 900555',
    email: 'mo.zorroquill@example.net',
    postcode: 'NR1 3QQ',
  })
  const intake = await intakeFactory.create({ networkId: network.id, organisationId: sending.id, clientId: client.id })
  const referral = await referralFactory.create({
    networkId: network.id,
    intakeId: intake.id,
    clientId: client.id,
    fromOrganisationId: sending.id,
    fromUserId: sender.id,
    serviceId: service.id,
    toOrganisationId: receiving.id,
  })
  return {
    network,
    sending,
    receiving,
    third,
    sender,
    senderColleague,
    sendingAdmin,
    receiver,
    dailyReceiver,
    receivingAdmin,
    receivingReferrer,
    thirdReceiver,
    thirdAdmin,
    coordinator,
    service,
    client,
    intake,
    referral,
  }
}

/** Client details that must never appear in a notification or an email. */
export const clientDetails = (client: { name: string; phone: string | null; email: string | null; postcode: string | null }): string[] =>
  [client.name, client.phone, client.email, client.postcode].filter((value): value is string => Boolean(value))
