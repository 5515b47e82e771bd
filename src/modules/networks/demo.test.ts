import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../../db/client.js'
import { auditLog, memberships, networkRoles, networks, organisations, users } from '../../db/schema/index.js'
import { verifyPassword } from '../../platform/auth/passwords.js'
import { decryptText } from '../../platform/crypto.js'
import { testConfig } from '../../../test/support/app.js'
import { demoAccounts, demoPassword, demoSlug, demoTotpSecret, describeDemo, seedDemo } from './demo.js'
import { isCharityNumber, isCompanyNumber, organisationTypeValues } from './networks.schemas.js'

describe('the demo network', () => {
  // Its own database: the demo's slug and emails are unique in an installation.
  let database: DatabaseHandle
  const { ENCRYPTION_KEY } = testConfig()
  beforeAll(async () => {
    database = await openDatabase({})
    await database.migrate()
  })
  afterAll(async () => {
    await database.close()
  })

  async function snapshot(networkId: string) {
    const { db } = database
    const orgs = await db.select().from(organisations).where(eq(organisations.networkId, networkId))
    const members = await db.select().from(memberships).where(eq(memberships.networkId, networkId))
    const grants = await db.select().from(networkRoles).where(eq(networkRoles.networkId, networkId))
    const people = await db.select().from(users).where(inArray(users.email, demoAccounts.map((account) => account.email)))
    return { orgs, members, grants, people }
  }

  // How long seeding takes is for the bench, not a timed test (a loaded machine made it flaky).
  it('is seeded idempotently, with about 40 organisations of every type and people in every role', async () => {
    const first = await seedDemo(database.db, { encryptionKey: ENCRYPTION_KEY })
    expect(first.created).toBe(true)

    const [network] = await database.db.select().from(networks).where(eq(networks.slug, demoSlug))
    expect(network).toMatchObject({ id: first.networkId, name: 'Riverside Community Advice Network', nation: 'england', isDemo: true })

    const seeded = await snapshot(first.networkId)
    expect(seeded.orgs.length).toBeGreaterThanOrEqual(38)
    expect(seeded.orgs.length).toBeLessThanOrEqual(45)
    expect(new Set(seeded.orgs.map((org) => org.type))).toEqual(new Set(organisationTypeValues))
    expect(seeded.orgs.some((org) => org.statutory)).toBe(true)
    expect(seeded.orgs.some((org) => !org.statutory)).toBe(true)
    for (const org of seeded.orgs) {
      if (org.charityNumber) expect(isCharityNumber(org.charityNumber), org.charityNumber).toBe(true)
      if (org.companyNumber) expect(isCompanyNumber(org.companyNumber), org.companyNumber).toBe(true)
    }
    expect(new Set(seeded.members.map((membership) => membership.role))).toEqual(new Set(['referrer', 'receiver', 'organisation_admin']))
    expect(seeded.grants.map((grant) => grant.role)).toContain('coordinator')
    const coordinator = seeded.people.find((person) => person.email === 'coordinator@riverside.example')
    expect(seeded.grants.some((grant) => grant.userId === coordinator?.id)).toBe(true)

    // One shared password; coordinators and admins have the published authenticator key, encrypted at rest.
    expect(await verifyPassword(seeded.people[0].passwordHash, demoPassword)).toBe(true)
    expect(new Set(seeded.people.map((person) => person.passwordHash)).size).toBe(1)
    const admins = new Set(seeded.members.filter((m) => m.role === 'organisation_admin').map((m) => m.userId))
    for (const person of seeded.people) {
      const needsSecondFactor = admins.has(person.id) || person.id === coordinator?.id
      if (needsSecondFactor) {
        expect(person.totpSecret).not.toContain(demoTotpSecret)
        expect(decryptText(person.totpSecret!, ENCRYPTION_KEY)).toBe(demoTotpSecret)
        expect(person.totpEnabledAt).not.toBeNull()
      } else {
        expect(person.totpSecret).toBeNull()
      }
    }

    // Someone works for two organisations, so switching can be tried.
    const perUser = new Map<string, number>()
    for (const membership of seeded.members) perUser.set(membership.userId, (perUser.get(membership.userId) ?? 0) + 1)
    expect([...perUser.values()].some((count) => count > 1)).toBe(true)

    const second = await seedDemo(database.db, { encryptionKey: ENCRYPTION_KEY })
    expect(second).toEqual({ networkId: first.networkId, created: false })
    const again = await snapshot(first.networkId)
    expect(again.orgs).toHaveLength(seeded.orgs.length)
    expect(again.members).toHaveLength(seeded.members.length)
    expect(again.grants).toHaveLength(seeded.grants.length)
    expect(again.people).toHaveLength(seeded.people.length)
    expect(await database.db.select().from(networks).where(eq(networks.slug, demoSlug))).toHaveLength(1)
    const created = await database.db.select().from(auditLog).where(eq(auditLog.networkId, first.networkId))
    expect(created.filter((row) => row.action === 'network.created')).toHaveLength(1)
  })

  it('describes every account, the password and the authenticator key for printing', () => {
    const text = describeDemo('http://localhost:3000')
    expect(text).toContain(demoPassword)
    expect(text).toContain(demoTotpSecret)
    expect(text).toContain('http://localhost:3000/sign-in')
    for (const account of demoAccounts) expect(text).toContain(account.email)
    expect(new Set(demoAccounts.map((account) => account.role))).toEqual(
      new Set(['coordinator', 'analyst', 'organisation_admin', 'referrer', 'receiver']),
    )
  })
})
