import type { Database, Executor } from '../../db/client.js'
import { seedDemoDirectory } from '../directory/demo/demo-directory.js'
import { seedDemoReferralHistory } from '../referrals/demo/demo-history.js'
import { seedDemoFrontDoorRequests } from '../front-door/triage/demo-requests.js'
import { seedDemoHub } from '../intelligence/dashboard/demo-hub.js'
import { setUpNetworkDirectory } from '../directory/taxonomy/taxonomy.service.js'
import type { OrganisationRole } from '../../platform/access/actor.js'
import { audit } from '../../platform/audit/audit.service.js'
import { hashPassword } from '../../platform/auth/passwords.js'
import { encryptText } from '../../platform/crypto.js'
import { demoOrganisations, demoPeople } from './demo-data.js'
import { findNetworkBySlug, insertNetwork, insertNetworkRole, upsertMemberships, upsertOrganisations, upsertUsers } from './networks.repository.js'

/*
 * The demo network: a fictional borough's advice network that anyone can explore.
 * Seeding is idempotent and runs in one transaction; later issues add services and referrals
 * as further steps after seedPeople.
 */

export const demoSlug = 'riverside'
export const demoNetworkName = 'Riverside Community Advice Network'
/** Published in the README and printed by `npm run demo`: every demo account has it. */
export const demoPassword = 'riverside-demo-2026'
/**
 * Published too: coordinators and organisation admins must use two-factor authentication, so their demo
 * accounts come with this authenticator key (base32). It is stored encrypted like any other.
 */
export const demoTotpSecret = 'RIVERSIDEDEMONETWORKTOTPSECRET22'

export interface DemoAccount {
  email: string
  name: string
  role: OrganisationRole | 'coordinator' | 'analyst'
  /** Null for the network coordinator. */
  organisation: string | null
  twoFactor: boolean
}

const needsTwoFactor = (person: (typeof demoPeople)[number]): boolean =>
  person.coordinator === true || person.memberships.some((membership) => membership.role === 'organisation_admin')

/** Every demo sign-in, one line per role a person holds. */
export const demoAccounts: DemoAccount[] = demoPeople.flatMap((person): DemoAccount[] =>
  person.coordinator
    ? [{ email: person.email, name: person.name, role: 'coordinator' as const, organisation: null, twoFactor: true }]
    : person.analyst
      ? [{ email: person.email, name: person.name, role: 'analyst' as const, organisation: null, twoFactor: false }]
      : person.memberships.map((membership) => ({
        email: person.email,
        name: person.name,
        role: membership.role,
        organisation: membership.organisation,
        twoFactor: needsTwoFactor(person),
      })),
)

/** The authenticator link for a demo account, for apps that take a URI instead of a typed key. */
export function demoTotpUri(email: string): string {
  const label = encodeURIComponent(`No Wrong Door (demo):${email}`)
  return `otpauth://totp/${label}?secret=${demoTotpSecret}&issuer=${encodeURIComponent('No Wrong Door (demo)')}`
}

const roleNames: Record<DemoAccount['role'], string> = {
  coordinator: 'Network coordinator',
  analyst: 'Analyst (intelligence hub, figures only)',
  organisation_admin: 'Organisation admin',
  referrer: 'Referrer',
  receiver: 'Receiver',
}

/** What `npm run demo` prints and the README repeats. */
export function describeDemo(baseUrl = 'http://localhost:3000'): string {
  const width = Math.max(...demoAccounts.map((account) => account.email.length)) + 2
  const lines = demoAccounts.map(
    (account) =>
      `  ${account.email.padEnd(width)}${roleNames[account.role]}${account.organisation ? `, ${account.organisation}` : ''}${account.twoFactor ? ' (two-factor)' : ''}`,
  )
  return [
    `${demoNetworkName} (demo, fictional)`,
    `Sign in at ${baseUrl}/sign-in with any account below.`,
    `Password for every account: ${demoPassword}`,
    `Two-factor key for accounts marked (two-factor): ${demoTotpSecret}`,
    '  add it to an authenticator app as a time-based key, then type the 6-digit code it shows.',
    '',
    ...lines,
    '',
  ].join('\n')
}

export interface SeedOptions {
  encryptionKey: string
  now?: Date
}

interface SeedContext {
  networkId: string
  passwordHash: string
  encryptionKey: string
  now: Date
}

export interface SeedResult {
  networkId: string
  /** False when the demo network was already there and only missing rows were added. */
  created: boolean
}

/** Seeds the demo in one transaction of its own. */
export async function seedDemo(db: Database, options: SeedOptions): Promise<SeedResult> {
  // Hashing is the slow part: once for every account, and outside the transaction.
  const passwordHash = await hashPassword(demoPassword)
  return db.transaction((tx) => seedDemoInTransaction(tx, { ...options, passwordHash }))
}

/** For callers that already hold a transaction (the first-run page). */
export async function seedDemoInTransaction(
  tx: Executor,
  options: SeedOptions & { passwordHash: string },
): Promise<SeedResult> {
  const now = options.now ?? new Date()
  const { networkId, created } = await seedNetwork(tx, now)
  await setUpNetworkDirectory(tx, networkId)
  const context: SeedContext = { networkId, passwordHash: options.passwordHash, encryptionKey: options.encryptionKey, now }
  const organisationIds = await seedOrganisations(tx, context)
  await seedPeople(tx, context, organisationIds)
  await seedDemoDirectory(tx, { networkId, now })
  await seedDemoReferralHistory(tx, { networkId, now })
  await seedDemoFrontDoorRequests(tx, { networkId, now })
  await seedDemoHub(tx, { networkId, now })
  return { networkId, created }
}

async function seedNetwork(tx: Executor, now: Date): Promise<{ networkId: string; created: boolean }> {
  const existing = await findNetworkBySlug(tx, demoSlug)
  if (existing) {
    if (!existing.isDemo) throw new Error(`A network with the address "${demoSlug}" exists and is not the demo network.`)
    return { networkId: existing.id, created: false }
  }
  const network = await insertNetwork(tx, { slug: demoSlug, name: demoNetworkName, nation: 'england', isDemo: true, createdAt: now })
  await audit(tx, {
    networkId: network.id,
    action: 'network.created',
    subjectType: 'network',
    subjectId: network.id,
    details: { demo: true },
  })
  return { networkId: network.id, created: true }
}

async function seedOrganisations(tx: Executor, context: SeedContext): Promise<Map<string, string>> {
  return upsertOrganisations(
    tx,
    context.networkId,
    demoOrganisations.map((organisation) => ({
      name: organisation.name,
      type: organisation.type,
      charityNumber: organisation.charityNumber ?? null,
      companyNumber: organisation.companyNumber ?? null,
      statutory: organisation.statutory,
      frontDoor: organisation.frontDoor ?? false,
      createdAt: context.now,
    })),
  )
}

async function seedPeople(tx: Executor, context: SeedContext, organisationIds: Map<string, string>): Promise<void> {
  const userIds = await upsertUsers(
    tx,
    demoPeople.map((person) => {
      const twoFactor = needsTwoFactor(person)
      return {
        email: person.email,
        name: person.name,
        passwordHash: context.passwordHash,
        totpSecret: twoFactor ? encryptText(demoTotpSecret, context.encryptionKey) : null,
        totpEnabledAt: twoFactor ? context.now : null,
        createdAt: context.now,
      }
    }),
  )
  const idOf = (email: string): string => {
    const id = userIds.get(email.toLowerCase())
    if (!id) throw new Error(`demo account ${email} was not created`)
    return id
  }
  for (const person of demoPeople.filter((one) => one.coordinator)) {
    await insertNetworkRole(tx, { networkId: context.networkId, userId: idOf(person.email), role: 'coordinator' })
  }
  for (const person of demoPeople.filter((one) => one.analyst)) {
    await insertNetworkRole(tx, { networkId: context.networkId, userId: idOf(person.email), role: 'analyst' })
  }
  await upsertMemberships(
    tx,
    demoPeople.flatMap((person) =>
      person.memberships.map((membership) => {
        const organisationId = organisationIds.get(membership.organisation)
        if (!organisationId) throw new Error(`demo organisation ${membership.organisation} is missing`)
        return { networkId: context.networkId, organisationId, userId: idOf(person.email), role: membership.role, createdAt: context.now }
      }),
    ),
  )
}
