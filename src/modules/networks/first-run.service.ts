import type { Executor } from '../../db/client.js'
import { setUpNetworkDirectory } from '../directory/taxonomy/taxonomy.service.js'
import { audit } from '../../platform/audit/audit.service.js'
import { hashPassword } from '../../platform/auth/passwords.js'
import { DomainError, NotFoundError } from '../../platform/errors.js'
import type { Language } from '../../platform/i18n/i18n.js'
import type { ServiceDependencies } from '../../services.js'
import { demoAccounts, demoNetworkName, demoPassword, demoSlug, demoTotpSecret, seedDemoInTransaction, type DemoAccount } from './demo.js'
import {
  anyNetworkExists,
  findNetworkBySlug,
  findUserIdByEmail,
  insertNetwork,
  insertNetworkRole,
  insertUser,
  lockFirstRun,
} from './networks.repository.js'
import type { CreateNetworkInput } from './networks.schemas.js'

/** An installation is new until its first network exists. */
export async function isFirstRun(db: Executor): Promise<boolean> {
  return !(await anyNetworkExists(db))
}

/** "Riverside Advice Network" → "riverside-advice-network". */
export function slugFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  // The demo network's address is kept for the demo.
  if (slug === demoSlug) return `${slug}-network`
  return slug || 'network'
}

export async function uniqueSlug(db: Executor, name: string): Promise<string> {
  const base = slugFor(name)
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`
    if (!(await findNetworkBySlug(db, candidate))) return candidate
  }
}

export interface DemoOverview {
  networkName: string
  password: string
  totpSecret: string
  accounts: DemoAccount[]
}

export function createFirstRunService(deps: ServiceDependencies) {
  const { db, config } = deps
  // Once a network exists it always will, so the check stops costing a query.
  let networkExists = false

  return {
    async isFirstRun(): Promise<boolean> {
      if (networkExists) return false
      const first = await isFirstRun(db)
      networkExists = !first
      return first
    },

    /** The network, its first coordinator and their role, all or nothing. Refused once any network exists. */
    async createNetwork(
      input: CreateNetworkInput,
      meta: { language: Language; requestId?: string },
    ): Promise<{ networkId: string; userId: string }> {
      const passwordHash = await hashPassword(input.password)
      const created = await db.transaction(async (tx) => {
        await lockFirstRun(tx)
        if (await anyNetworkExists(tx)) throw new NotFoundError()
        if (await findUserIdByEmail(tx, input.coordinatorEmail)) {
          throw new DomainError('networks:errors.emailTaken', 400, 'coordinatorEmail')
        }
        const network = await insertNetwork(tx, {
          slug: await uniqueSlug(tx, input.networkName),
          name: input.networkName,
          nation: input.nation,
        })
        const userId = await insertUser(tx, {
          email: input.coordinatorEmail,
          name: input.coordinatorName,
          passwordHash,
          language: meta.language,
        })
        await insertNetworkRole(tx, { networkId: network.id, userId, role: 'coordinator' })
        await setUpNetworkDirectory(tx, network.id)
        const entry = { networkId: network.id, actorUserId: userId, requestId: meta.requestId }
        await audit(tx, { ...entry, action: 'network.created', subjectType: 'network', subjectId: network.id })
        await audit(tx, { ...entry, action: 'role.granted', subjectType: 'user', subjectId: userId, details: { role: 'coordinator' } })
        return { networkId: network.id, userId }
      })
      networkExists = true
      return created
    },

    /** The first-run page's other choice: the fictional Riverside network. */
    async exploreDemo(): Promise<void> {
      const passwordHash = await hashPassword(demoPassword)
      await db.transaction(async (tx) => {
        await lockFirstRun(tx)
        if (await anyNetworkExists(tx)) throw new NotFoundError()
        await seedDemoInTransaction(tx, { passwordHash, encryptionKey: config.ENCRYPTION_KEY, now: deps.now() })
      })
      networkExists = true
    },

    /** The demo's sign-ins, shown only on an installation that has the demo network. */
    async demoOverview(): Promise<DemoOverview | null> {
      const network = await findNetworkBySlug(db, demoSlug)
      if (!network?.isDemo) return null
      return { networkName: demoNetworkName, password: demoPassword, totpSecret: demoTotpSecret, accounts: demoAccounts }
    },
  }
}
