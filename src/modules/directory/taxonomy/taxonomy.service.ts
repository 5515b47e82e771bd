import type { Executor } from '../../../db/client.js'
import { authorise } from '../../../platform/access/policy.js'
import { audit } from '../../../platform/audit/audit.service.js'
import { DomainError, NotFoundError } from '../../../platform/errors.js'
import type { ServiceDependencies } from '../../../services.js'
import { workingContext, type Caller } from '../../../platform/access/caller.js'
import {
  countServicesWithTerm,
  findIssuesTaxonomyId,
  findTerm,
  insertTerm,
  listCurrentTerms,
  listTermNames,
  listTermsWithCounts,
  renameTerm,
  seedNetworkTaxonomy,
  setTermRetired,
  termCodesLike,
  termNameTaken,
  updateTermDescription,
  type TermNameRow,
  type TermRow,
  type TermWithCount,
} from './taxonomy.repository.js'
import type { TermInput } from './taxonomy.schemas.js'
import { bumpDirectoryVersion } from '../search/directory-version.repository.js'

export { termName } from './term-name.js'

/** What a new network's directory starts with: the issues taxonomy. Safe to call again. */
export async function setUpNetworkDirectory(db: Executor, networkId: string): Promise<void> {
  await seedNetworkTaxonomy(db, networkId)
}

/** The terms a listing may be tagged with now: retired ones stay on old listings but are not offered. */
export async function offeredTerms(db: Executor, networkId: string): Promise<TermRow[]> {
  return listCurrentTerms(db, networkId)
}

export interface TermView {
  term: TermRow
  serviceCount: number
  names: TermNameRow[]
}

/** A stable code from the English name: 'Cost of Living' → 'cost-of-living', then -2, -3… if taken. */
export function codeFor(name: string, taken: string[]): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'issue'
  if (!taken.includes(base)) return base
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`
}

export function createTaxonomyService(deps: ServiceDependencies) {
  const { db } = deps

  /** The coordinator of the caller's network, or refused; another network's term is not found. */
  const manager = (caller: Caller) => {
    const { actor, context } = workingContext(caller)
    authorise(actor, 'taxonomy.manage', { networkId: context.networkId })
    return { actor, networkId: context.networkId }
  }

  const termOf = async (executor: Executor, networkId: string, termId: string): Promise<TermRow> => {
    const term = await findTerm(executor, networkId, termId)
    if (!term) throw new NotFoundError()
    return term
  }

  return {
    assertCanManage(caller: Caller): void {
      manager(caller)
    },

    async list(caller: Caller): Promise<TermWithCount[]> {
      const { networkId } = manager(caller)
      return listTermsWithCounts(db, networkId)
    },

    async show(caller: Caller, termId: string): Promise<TermView> {
      const { networkId } = manager(caller)
      const term = await termOf(db, networkId, termId)
      return {
        term,
        serviceCount: await countServicesWithTerm(db, networkId, termId),
        names: await listTermNames(db, networkId, termId),
      }
    },

    async forEdit(caller: Caller, termId: string): Promise<TermRow> {
      const { networkId } = manager(caller)
      return termOf(db, networkId, termId)
    },

    async add(caller: Caller, input: TermInput): Promise<string> {
      const { actor, networkId } = manager(caller)
      return db.transaction(async (tx) => {
        if (await termNameTaken(tx, networkId, input.name)) throw new DomainError('directory:errors.termNameTaken', 400, 'name')
        const taxonomyId = (await findIssuesTaxonomyId(tx, networkId)) ?? (await seedNetworkTaxonomy(tx, networkId))
        const base = codeFor(input.name, [])
        const code = codeFor(input.name, await termCodesLike(tx, networkId, base))
        const termId = await insertTerm(tx, { networkId, taxonomyId, code, ...input, changedBy: actor.userId, now: deps.now() })
        await bumpDirectoryVersion(tx, networkId)
        await audit(tx, {
          networkId,
          actorUserId: actor.userId,
          action: 'taxonomy_term.created',
          subjectType: 'taxonomy_term',
          subjectId: termId,
          requestId: caller.requestId,
        })
        return termId
      })
    },

    /** A new name is a new history row; a description change alone is not a rename. */
    async update(caller: Caller, termId: string, input: TermInput): Promise<void> {
      const { actor, networkId } = manager(caller)
      await db.transaction(async (tx) => {
        const term = await termOf(tx, networkId, termId)
        if (await termNameTaken(tx, networkId, input.name, termId)) throw new DomainError('directory:errors.termNameTaken', 400, 'name')
        const now = deps.now()
        const renamed = term.name !== input.name || term.nameCy !== input.nameCy
        if (renamed) {
          await renameTerm(tx, { networkId, termId, name: input.name, nameCy: input.nameCy, changedBy: actor.userId, now })
          await bumpDirectoryVersion(tx, networkId)
        }
        if (term.description !== input.description) await updateTermDescription(tx, networkId, termId, input.description, now)
        if (renamed || term.description !== input.description) {
          await audit(tx, {
            networkId,
            actorUserId: actor.userId,
            action: renamed ? 'taxonomy_term.renamed' : 'taxonomy_term.updated',
            subjectType: 'taxonomy_term',
            subjectId: termId,
            requestId: caller.requestId,
          })
        }
      })
    },

    /** Retired terms are no longer offered for tagging; listings and referrals that have them keep them. */
    async setRetired(caller: Caller, termId: string, retired: boolean): Promise<void> {
      const { actor, networkId } = manager(caller)
      await db.transaction(async (tx) => {
        const term = await termOf(tx, networkId, termId)
        if ((term.retiredAt !== null) === retired) return
        const now = deps.now()
        await setTermRetired(tx, networkId, termId, retired ? now : null, now)
        await bumpDirectoryVersion(tx, networkId)
        await audit(tx, {
          networkId,
          actorUserId: actor.userId,
          action: retired ? 'taxonomy_term.retired' : 'taxonomy_term.reinstated',
          subjectType: 'taxonomy_term',
          subjectId: termId,
          requestId: caller.requestId,
        })
      })
    },
  }
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>
