import { randomUUID } from 'node:crypto'
import { Factory } from 'fishery'
import { generateSecretSync } from './support/totp.js'
import { memberships, networkRoles, networks, organisations, users } from '../src/db/schema/index.js'
import { hashPassword } from '../src/platform/auth/passwords.js'
import { encryptText } from '../src/platform/crypto.js'
import { testConfig } from './support/app.js'
import { testDatabase } from './support/database.js'
import { setUpNetworkDirectory } from '../src/modules/directory/taxonomy/taxonomy.service.js'

/** Every factory-made user has this password, so tests can sign in. */
export const testPassword = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined
const knownPasswordHash = (): Promise<string> => (passwordHash ??= hashPassword(testPassword))

const unique = (): string => randomUUID().slice(0, 8)

type Network = typeof networks.$inferSelect
type Organisation = typeof organisations.$inferSelect
type User = typeof users.$inferSelect & { totpSecretPlain?: string }

export const networkFactory = Factory.define<Network>(({ onCreate }) => {
  onCreate(async (network) => {
    const { db } = await testDatabase()
    const [row] = await db.insert(networks).values(network).returning()
    await setUpNetworkDirectory(db, row.id)
    return row
  })
  const suffix = unique()
  return {
    id: randomUUID(),
    slug: `network-${suffix}`,
    name: `Test Network ${suffix}`,
    nation: 'england',
    contactSlaDays: 8,
    urgentContactSlaDays: 2,
    isDemo: false,
    createdAt: new Date(),
  }
})

export const organisationFactory = Factory.define<Organisation>(({ params, onCreate }) => {
  onCreate(async (organisation) => {
    const { db } = await testDatabase()
    const [row] = await db.insert(organisations).values(organisation).returning()
    return row
  })
  if (!params.networkId) throw new Error('organisationFactory needs networkId')
  return {
    id: randomUUID(),
    networkId: params.networkId,
    name: `Advice Centre ${unique()}`,
    type: 'voluntary_community',
    charityNumber: null,
    companyNumber: null,
    statutory: false,
    description: 'Free, confidential advice for people in the area.',
    email: null,
    website: null,
    frontDoor: false,
    createdAt: new Date(),
  }
})

/** transient: totp — enrol a TOTP secret (required for coordinators and organisation admins). */
export const userFactory = Factory.define<User, { totp?: boolean }>(({ transientParams, onCreate }) => {
  onCreate(async (user) => {
    const { db } = await testDatabase()
    const { totpSecretPlain, ...values } = user
    const [row] = await db
      .insert(users)
      .values({ ...values, passwordHash: values.passwordHash ?? (await knownPasswordHash()) })
      .returning()
    return { ...row, totpSecretPlain }
  })
  const secret = transientParams.totp ? generateSecretSync() : undefined
  return {
    id: randomUUID(),
    email: `person-${unique()}@example.org`,
    name: `Test Person ${unique()}`,
    passwordHash: null,
    totpSecret: secret ? encryptText(secret, testConfig().ENCRYPTION_KEY) : null,
    totpEnabledAt: secret ? new Date() : null,
    totpLastStep: null,
    totpSecretPlain: secret,
    failedSignIns: 0,
    lockedUntil: null,
    language: 'en',
    createdAt: new Date(),
    lastSignedInAt: null,
  }
})

export async function addMembership(
  user: { id: string },
  organisation: { id: string; networkId: string },
  role: 'referrer' | 'receiver' | 'organisation_admin',
): Promise<void> {
  const { db } = await testDatabase()
  await db.insert(memberships).values({ userId: user.id, organisationId: organisation.id, networkId: organisation.networkId, role })
}

export async function grantNetworkRole(user: { id: string }, network: { id: string }, role: 'coordinator' | 'analyst'): Promise<void> {
  const { db } = await testDatabase()
  await db.insert(networkRoles).values({ userId: user.id, networkId: network.id, role })
}

/** A network with one organisation and a user in each role; the admin and coordinator have TOTP. */
export async function networkWithPeople() {
  const network = await networkFactory.create()
  const organisation = await organisationFactory.create({ networkId: network.id })
  const coordinator = await userFactory.transient({ totp: true }).create()
  await grantNetworkRole(coordinator, network, 'coordinator')
  const admin = await userFactory.transient({ totp: true }).create()
  await addMembership(admin, organisation, 'organisation_admin')
  const referrer = await userFactory.create()
  await addMembership(referrer, organisation, 'referrer')
  const receiver = await userFactory.create()
  await addMembership(receiver, organisation, 'receiver')
  return { network, organisation, coordinator, admin, referrer, receiver }
}
