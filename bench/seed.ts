import { randomUUID } from 'node:crypto'
import type { Database } from '../src/db/client.js'
import { memberships, networks, organisations, users } from '../src/db/schema/index.js'
import { hashPassword } from '../src/platform/auth/passwords.js'

export const benchPassword = 'bench-password-2026'

const types = ['voluntary_community', 'local_authority', 'nhs', 'school', 'social_prescriber', 'foodbank', 'housing', 'other'] as const
const roles = ['referrer', 'receiver', 'organisation_admin'] as const

export async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 1000): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size))
}

export interface BenchPeople {
  referrerEmail: string
  referrerId: string
  networkId: string
  organisationId: string
  /** Every network with its organisations, for the directory's generator. */
  networks: { id: string; slug: string; organisationIds: string[] }[]
}

/**
 * National scale for the foundation: networks × organisations × users, each user a member of one organisation.
 * Returns a referrer to sign in as, in the first network.
 */
export async function seedBenchData(
  db: Database,
  scale: { networks: number; organisationsPerNetwork: number; usersPerOrganisation: number },
): Promise<BenchPeople> {
  const passwordHash = await hashPassword(benchPassword)
  const run = randomUUID().slice(0, 6)
  const networkRows = Array.from({ length: scale.networks }, (_, n) => ({
    id: randomUUID(),
    slug: `bench-${run}-${n}`,
    name: `Bench Network ${run} ${n}`,
    nation: 'england' as const,
  }))
  await db.insert(networks).values(networkRows)
  const organisationRows = networkRows.flatMap((network) =>
    Array.from({ length: scale.organisationsPerNetwork }, (_, o) => ({
      id: randomUUID(),
      networkId: network.id,
      name: `Organisation ${o} of ${network.name}`,
      type: types[o % types.length],
      statutory: o % 5 === 0,
    })),
  )
  await insertInChunks(organisationRows, (chunk) => db.insert(organisations).values(chunk))
  const userRows: (typeof users.$inferInsert)[] = []
  const membershipRows: (typeof memberships.$inferInsert)[] = []
  for (const organisation of organisationRows) {
    for (let u = 0; u < scale.usersPerOrganisation; u++) {
      const id = randomUUID()
      userRows.push({ id, email: `u${u}-${organisation.id}@bench.example`, name: `Bench User ${u}`, passwordHash })
      membershipRows.push({ userId: id, organisationId: organisation.id, networkId: organisation.networkId, role: roles[u % 2] })
    }
  }
  await insertInChunks(userRows, (chunk) => db.insert(users).values(chunk))
  await insertInChunks(membershipRows, (chunk) => db.insert(memberships).values(chunk))
  const first = organisationRows[0]
  const referrer = userRows.find((user) => user.email === `u0-${first.id}@bench.example`)
  return {
    referrerEmail: `u0-${first.id}@bench.example`,
    referrerId: referrer?.id ?? '',
    networkId: first.networkId,
    organisationId: first.id,
    networks: networkRows.map((network) => ({
      id: network.id,
      slug: network.slug,
      organisationIds: organisationRows.filter((organisation) => organisation.networkId === network.id).map((organisation) => organisation.id),
    })),
  }
}
