import type { Executor } from '../../../db/client.js'
import { workingContext, type Caller } from '../../../platform/access/caller.js'
import { authorise } from '../../../platform/access/policy.js'
import { audit } from '../../../platform/audit/audit.service.js'
import { DomainError, NotFoundError } from '../../../platform/errors.js'
import type { ServiceDependencies } from '../../../services.js'
import { offeredTerms } from '../../directory/taxonomy/taxonomy.service.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import { consentHistory, type ConsentHistory } from '../consent/consent.service.js'
import { listDocumentsOfIntakes, type DocumentSummary } from '../documents/documents.repository.js'
import { ukDate } from '../sla/working-days.js'
import { clientAccess, holderAccess, intakeAccess, type ClientAccess } from './client-access.js'
import {
  findPossibleDuplicates,
  insertClient,
  insertIntake,
  listClientsOfOrganisation,
  listIntakeIssues,
  listIntakesOfClient,
  listReferralsOfClientForOrganisation,
  touchClient,
  type ClientListRow,
  type ClientReferralRow,
  type ClientRow,
  type IntakeIssueRow,
  type IntakeRow,
} from './clients.repository.js'
import type { ClientFilters, IntakeInput, NeedInput } from './clients.schemas.js'

export const clientsPerPage = 25

/** Age in whole years on a UK date, from a date of birth or from an age given on an earlier day. */
export function ageOn(client: Pick<ClientRow, 'dateOfBirth' | 'statedAge' | 'statedAgeOn'>, today: string): number | null {
  const yearsBetween = (from: string): number => {
    const [fy, fm, fd] = from.split('-').map(Number)
    const [ty, tm, td] = today.split('-').map(Number)
    return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0)
  }
  if (client.dateOfBirth) return yearsBetween(client.dateOfBirth)
  if (client.statedAge === null) return null
  return client.statedAge + (client.statedAgeOn ? Math.max(0, yearsBetween(client.statedAgeOn)) : 0)
}

export interface IntakeForSending {
  intake: IntakeRow
  issues: { termId: string; code: string }[]
  client: {
    id: string
    organisationId: string
    age: number | null
    postcode: string | null
    nrpf: 'yes' | 'no' | 'unknown'
    language: string | null
    interpreterNeeded: boolean
    household: ClientRow['household']
  }
}

/**
 * For sending and re-routing (referrals module): the intake, its issues, and what the directory's eligibility
 * rules need to know about the client — age (from the date of birth, or the age they gave), postcode, NRPF,
 * language, household. Whoever may see the client may call it; anyone else gets NotFound. It does not check
 * consent: the send asks lockedConsentDecisions inside its transaction.
 */
export async function loadIntakeForSending(db: Executor, caller: Caller, intakeId: string, at: Date = new Date()): Promise<IntakeForSending> {
  const { intake, client, issues } = await intakeAccess(db, caller, intakeId, at, 'view', { withIssues: true })
  return {
    intake,
    issues,
    client: {
      id: client.id,
      organisationId: client.organisationId,
      age: ageOn(client, ukDate(at)),
      postcode: client.postcode,
      nrpf: client.nrpf === null ? 'unknown' : client.nrpf ? 'yes' : 'no',
      language: client.language,
      interpreterNeeded: client.interpreterNeeded,
      household: client.household,
    },
  }
}

export type CreateIntakeResult =
  | { kind: 'duplicates'; duplicates: ClientRow[] }
  | { kind: 'created'; clientId: string; intakeId: string }

export interface ClientPage {
  access: ClientAccess
  consent: ConsentHistory
  intakes: IntakeRow[]
  issues: IntakeIssueRow[]
  documents: DocumentSummary[]
  referrals: ClientReferralRow[]
}

export function createClientsService(deps: ServiceDependencies) {
  const { db } = deps

  /** Someone working for an organisation records clients; a coordinator without one does not. */
  function recorder(caller: Caller) {
    const { actor, context } = workingContext(caller)
    if (!context.organisationId) throw new NotFoundError()
    authorise(actor, 'client.create', { networkId: context.networkId, organisationId: context.organisationId })
    return { actor, networkId: context.networkId, organisationId: context.organisationId }
  }

  async function checkedTermIds(executor: Executor, networkId: string, termIds: string[]): Promise<string[]> {
    const offered = new Set((await offeredTerms(executor, networkId)).map((term) => term.id))
    if (termIds.some((id) => !offered.has(id))) throw new DomainError('clients:errors.choiceInvalid', 400, 'issues')
    return [...new Set(termIds)]
  }

  async function pageData(access: ClientAccess, intakeIds: string[] | null): Promise<ClientPage> {
    const networkId = access.context.networkId
    const allIntakes = await listIntakesOfClient(db, networkId, access.client.id)
    const intakes = intakeIds ? allIntakes.filter((intake) => intakeIds.includes(intake.id)) : allIntakes
    const ids = intakes.map((intake) => intake.id)
    const [consent, issues, documents, referrals] = await Promise.all([
      consentHistory(db, networkId, access.consents, deps.now()),
      listIntakeIssues(db, networkId, ids),
      listDocumentsOfIntakes(db, networkId, ids),
      access.context.organisationId
        ? listReferralsOfClientForOrganisation(db, { networkId, organisationId: access.context.organisationId }, access.client.id)
        : Promise.resolve([]),
    ])
    return {
      access,
      consent,
      intakes,
      issues,
      documents,
      referrals: intakeIds ? referrals.filter((referral) => intakeIds.includes(referral.intakeId)) : referrals,
    }
  }

  const viewed = (access: ClientAccess, caller: Caller, details: Record<string, unknown>) =>
    audit(db, {
      networkId: access.context.networkId,
      actorUserId: access.actor.userId,
      action: 'client.viewed',
      subjectType: 'client',
      subjectId: access.client.id,
      details,
      requestId: caller.requestId,
    })

  return {
    /** The issues a need may be tagged with: the network's current terms. */
    async intakeFormOptions(caller: Caller): Promise<{ terms: TermRow[] }> {
      const { networkId } = recorder(caller)
      return { terms: await offeredTerms(db, networkId) }
    },

    /**
     * Records a client and their need in one transaction. Before making a new record, possible duplicates
     * (same name and date of birth in this organisation) are returned for the worker to choose, unless they
     * already chose: `sameAs` an existing client (new need for them) or 'new'.
     */
    async createIntake(caller: Caller, input: IntakeInput): Promise<CreateIntakeResult> {
      const { actor, networkId, organisationId } = recorder(caller)
      const scope = { networkId, organisationId }
      const termIds = await checkedTermIds(db, networkId, input.need.issues)
      const duplicates = input.client.dateOfBirth ? await findPossibleDuplicates(db, scope, input.client.name, input.client.dateOfBirth) : []
      if (input.sameAs === null && duplicates.length > 0) return { kind: 'duplicates', duplicates }
      const existing = typeof input.sameAs === 'string' && input.sameAs !== 'new' ? duplicates.find((client) => client.id === input.sameAs) : undefined
      if (input.sameAs !== null && input.sameAs !== 'new' && !existing) throw new DomainError('clients:errors.choiceInvalid', 400, 'sameAs')
      const now = deps.now()
      return db.transaction(async (tx) => {
        const client = existing ?? (await insertClient(tx, { ...scope, createdBy: actor.userId, statedAgeOn: ukDate(now) }, input.client))
        if (existing) await touchClient(tx, networkId, existing.id, now)
        const intake = await insertIntake(tx, { ...scope, clientId: client.id, createdBy: actor.userId }, { ...input.need, termIds })
        await audit(tx, {
          networkId,
          actorUserId: actor.userId,
          action: existing ? 'intake.created' : 'client.created',
          subjectType: 'client',
          subjectId: client.id,
          details: { intakeId: intake.id },
          requestId: caller.requestId,
        })
        return { kind: 'created' as const, clientId: client.id, intakeId: intake.id }
      })
    },

    /** "New need for an existing client": the holder's form, with the network's issues. */
    async needForm(caller: Caller, clientId: string): Promise<{ client: ClientRow; terms: TermRow[] }> {
      const access = await holderAccess(db, caller, clientId, deps.now())
      return { client: access.client, terms: await offeredTerms(db, access.context.networkId) }
    },

    async addNeed(caller: Caller, clientId: string, need: NeedInput): Promise<string> {
      const access = await holderAccess(db, caller, clientId, deps.now())
      const networkId = access.context.networkId
      const termIds = await checkedTermIds(db, networkId, need.issues)
      return db.transaction(async (tx) => {
        await touchClient(tx, networkId, clientId, deps.now())
        const intake = await insertIntake(
          tx,
          { networkId, organisationId: access.client.organisationId, clientId, createdBy: access.actor.userId },
          { need: need.need, urgency: need.urgency, termIds },
        )
        await audit(tx, {
          networkId,
          actorUserId: access.actor.userId,
          action: 'intake.created',
          subjectType: 'client',
          subjectId: clientId,
          details: { intakeId: intake.id },
          requestId: caller.requestId,
        })
        return intake.id
      })
    },

    /** This organisation's clients, found by part of a name, newest activity first. */
    async list(caller: Caller, filters: ClientFilters): Promise<{ rows: ClientListRow[]; total: number; page: number; perPage: number }> {
      const { actor, networkId, organisationId } = recorder(caller)
      const { rows, total } = await listClientsOfOrganisation(
        db,
        { networkId, organisationId },
        { name: filters.q, limit: clientsPerPage, offset: (filters.page - 1) * clientsPerPage },
      )
      // Names on a list are personal data too: one row per page viewed, ids only.
      if (rows.length > 0) {
        await audit(db, {
          networkId,
          actorUserId: actor.userId,
          action: 'clients.listed',
          subjectType: 'organisation',
          subjectId: organisationId,
          details: { clientIds: rows.map((row) => row.id) },
          requestId: caller.requestId,
        })
      }
      return { rows, total, page: filters.page, perPage: clientsPerPage }
    },

    /** The client page: details, consent, needs, documents, and the referrals this organisation sent or received. */
    async clientPage(caller: Caller, clientId: string): Promise<ClientPage> {
      const access = await clientAccess(db, caller, clientId, deps.now())
      const page = await pageData(access, null)
      await viewed(access, caller, { page: 'client' })
      return page
    },

    /** One intake: the story, its issues, consent, documents and the referrals made from it. */
    async intakePage(caller: Caller, intakeId: string): Promise<ClientPage & { intake: IntakeRow }> {
      const access = await intakeAccess(db, caller, intakeId, deps.now())
      const page = await pageData(access, [access.intake.id])
      await viewed(access, caller, { page: 'intake', intakeId: access.intake.id })
      return { ...page, intake: access.intake }
    },
  }
}

export type ClientsService = ReturnType<typeof createClientsService>
