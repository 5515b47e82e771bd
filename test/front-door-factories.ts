import { randomUUID } from 'node:crypto'
import { Factory } from 'fishery'
import { frontDoorRequests } from '../src/db/schema/index.js'
import { termIdsByCode } from './directory-factories.js'
import { addMembership, grantNetworkRole, networkFactory, organisationFactory, userFactory } from './factories.js'
import { testDatabase } from './support/database.js'

type FrontDoorRequest = typeof frontDoorRequests.$inferSelect

const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
const reference = (): string => `H-${Array.from({ length: 6 }, () => referenceAlphabet[Math.floor(Math.random() * referenceAlphabet.length)]).join('')}`

/**
 * A resident's request for help, as the front door records it. Needs networkId; transient `issues` are term codes,
 * e.g. frontDoorRequestFactory.transient({ issues: ['debt'] }).create({ networkId }).
 */
export const frontDoorRequestFactory = Factory.define<FrontDoorRequest, { issues?: string[] }>(({ params, transientParams, onCreate }) => {
  onCreate(async (request) => {
    const { db } = await testDatabase()
    const codes = transientParams.issues ?? []
    const termIds = codes.length > 0 ? await termIdsByCode(request.networkId) : {}
    const issueTermIds = codes.length > 0 ? codes.map((code) => termIds[code]) : request.issueTermIds
    const [row] = await db.insert(frontDoorRequests).values({ ...request, issueTermIds }).returning()
    return row
  })
  if (!params.networkId) throw new Error('frontDoorRequestFactory needs networkId')
  const now = new Date()
  return {
    id: randomUUID(),
    networkId: params.networkId,
    reference: reference(),
    channel: 'online',
    status: 'new',
    language: 'en',
    interpreterNeeded: false,
    issueTermIds: [],
    need: 'Behind on the rent after my hours were cut.',
    name: `Resident ${randomUUID().slice(0, 6)}`,
    postcode: 'E1 6AN',
    phone: '07700 900456',
    email: null,
    contactMethod: 'phone',
    contactTimes: 'Weekday mornings',
    safeToLeaveMessage: true,
    contactDifficulties: null,
    consentMethod: 'online',
    consentGivenAt: now,
    consentWordingVersion: 'front-door-consent-1',
    recordedByUserId: null,
    recordedByOrganisationId: null,
    claimedByUserId: null,
    claimedByOrganisationId: null,
    claimedAt: null,
    closedAt: null,
    closeReason: null,
    closeNote: null,
    clientId: null,
    intakeId: null,
    createdAt: now,
    updatedAt: now,
  }
})

/**
 * A network with a front-door organisation (a referrer, an admin and a receiver there), an ordinary organisation
 * with a referrer, and a coordinator: everyone the front door's access rules talk about.
 */
export async function frontDoorNetwork(nation: 'england' | 'wales' | 'scotland' | 'northern_ireland' = 'england') {
  const network = await networkFactory.create({ nation })
  const frontDoor = await organisationFactory.create({ networkId: network.id, name: `Council Customer Services ${network.slug}`, frontDoor: true })
  const elsewhere = await organisationFactory.create({ networkId: network.id, name: `Northbank Foodbank ${network.slug}` })
  const person = async (organisation: { id: string; networkId: string }, role: 'referrer' | 'receiver' | 'organisation_admin', totp = false) => {
    const user = await userFactory.transient({ totp }).create()
    await addMembership(user, organisation, role)
    return user
  }
  const worker = await person(frontDoor, 'referrer')
  const colleague = await person(frontDoor, 'referrer')
  const admin = await person(frontDoor, 'organisation_admin', true)
  const receiver = await person(frontDoor, 'receiver')
  const outsider = await person(elsewhere, 'referrer')
  const coordinator = await userFactory.transient({ totp: true }).create()
  await grantNetworkRole(coordinator, network, 'coordinator')
  return { network, frontDoor, elsewhere, worker, colleague, admin, receiver, outsider, coordinator }
}
