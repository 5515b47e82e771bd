import type { Database } from '../../../db/client.js'
import { workingContext, type Caller } from '../../../platform/access/caller.js'
import { authoriseOrHide, type Action } from '../../../platform/access/policy.js'
import { audit } from '../../../platform/audit/audit.service.js'
import { DomainError, NotFoundError } from '../../../platform/errors.js'
import { translator } from '../../../platform/i18n/i18n.js'
import { transactionWithMail } from '../../../platform/mail/mail.service.js'
import type { ServiceDependencies } from '../../../services.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import { offeredTerms } from '../../directory/taxonomy/taxonomy.service.js'
import { networkById } from '../../networks/networks.service.js'
import type { RequestAnswers } from '../ask/ask.schemas.js'
import { createAskService, recordRequest } from '../ask/ask.service.js'
import type { IntakeInput } from '../../referrals/clients/clients.schemas.js'
import { createClientsService, type CreateIntakeResult } from '../../referrals/clients/clients.service.js'
import type { ConsentInput } from '../../referrals/consent/consent.schemas.js'
import { createConsentService, twelveMonthsAfter } from '../../referrals/consent/consent.service.js'
import { ukDate, type Nation } from '../../referrals/sla/working-days.js'
import {
  claimRequest,
  closeRequest,
  countQueue,
  findRequest,
  listRequests,
  lockRequest,
  markConverted,
  releaseRequest,
  type QueueCounts,
  type RequestRow,
  type RequestWithNames,
} from './triage.repository.js'
import type { CloseInput, QueueQuery } from './triage.schemas.js'

export const requestsPerPage = 25

/** A move refused for a reason the request page explains (shown there, with the request). */
export class RequestRefused extends DomainError {
  constructor(
    readonly request: RequestWithNames,
    messageKey: string,
  ) {
    super(messageKey, 409)
  }
}

/** A move that needs the request to be claimed by the caller, when it is not (someone else has it, or it is done). */
export class RequestNotYours extends RequestRefused {
  constructor(request: RequestWithNames) {
    super(request, request.status === 'claimed' ? 'front-door:errors.claimedByOther' : request.status === 'new' ? 'front-door:errors.notClaimed' : 'front-door:errors.finished')
  }
}

export interface Today {
  today: string
  nation: Nation
}

export interface QueuePage extends Today {
  query: QueueQuery
  rows: RequestWithNames[]
  total: number
  perPage: number
  counts: QueueCounts
  terms: TermRow[]
}

export interface RequestPage extends Today {
  request: RequestWithNames
  terms: TermRow[]
  /** Claimed by the person looking at it: theirs to call back, refer or close. */
  mine: boolean
}

export type ClaimResult = { claimed: true } | { claimed: false; page: RequestPage }

export type ConvertResult = CreateIntakeResult | { kind: 'already-converted'; intakeId: string }

/**
 * The consent the resident gave at the front door (online, or read to them on the phone), as the consent the
 * client record carries: given when they gave it, for the organisations they are referred to, for a year.
 */
export function consentFromRequest(request: RequestRow, purpose: string): ConsentInput {
  const givenOn = ukDate(request.consentGivenAt)
  return {
    method: request.consentMethod,
    givenOn,
    givenAt: request.consentGivenAt,
    scope: 'organisations_referred_to',
    organisationIds: [],
    purpose,
    expiresOn: twelveMonthsAfter(givenOn),
  }
}

export function createTriageService(deps: ServiceDependencies) {
  const { db } = deps

  /** Staff of the network's front-door organisations; to anyone else the front door's pages do not exist. */
  function frontDoorWorker(caller: Caller, action: Action = 'front-door.triage') {
    const { actor, context } = workingContext(caller)
    authoriseOrHide(actor, action, { networkId: context.networkId })
    if (!context.organisationId) throw new NotFoundError()
    return { actor, context, networkId: context.networkId, organisationId: context.organisationId }
  }

  async function todayIn(networkId: string): Promise<Today> {
    const network = await networkById(db, networkId)
    if (!network) throw new NotFoundError()
    return { today: ukDate(deps.now()), nation: network.nation }
  }

  async function requestPage(caller: Caller, requestId: string): Promise<RequestPage> {
    const { actor, networkId } = frontDoorWorker(caller, 'front-door.view-request')
    const request = await findRequest(db, networkId, requestId)
    if (!request) throw new NotFoundError()
    const [today, terms] = await Promise.all([todayIn(networkId), offeredTerms(db, networkId)])
    await audit(db, {
      networkId,
      actorUserId: actor.userId,
      action: 'front-door.request-viewed',
      subjectType: 'front_door_request',
      subjectId: request.id,
      requestId: caller.requestId,
    })
    return { ...today, request, terms, mine: request.status === 'claimed' && request.claimedByUserId === actor.userId }
  }

  /** The request, claimed by the caller; otherwise RequestNotYours (or NotFound). */
  async function claimedByCaller(caller: Caller, requestId: string) {
    const worker = frontDoorWorker(caller)
    const request = await findRequest(db, worker.networkId, requestId)
    if (!request) throw new NotFoundError()
    if (request.status !== 'claimed' || request.claimedByUserId !== worker.actor.userId) throw new RequestNotYours(request)
    return { ...worker, request }
  }

  return {
    /** A page of the network's requests. Shows names, so each page view is audited with the request ids shown. */
    async queue(caller: Caller, query: QueueQuery): Promise<QueuePage> {
      const { actor, networkId, organisationId } = frontDoorWorker(caller)
      const scope = { networkId, userId: actor.userId }
      const [listed, counts, today, terms] = await Promise.all([
        listRequests(db, scope, { view: query.view, order: query.order, limit: requestsPerPage, offset: (query.page - 1) * requestsPerPage }),
        countQueue(db, scope),
        todayIn(networkId),
        offeredTerms(db, networkId),
      ])
      if (listed.rows.length > 0) {
        await audit(db, {
          networkId,
          actorUserId: actor.userId,
          action: 'front-door.queue-viewed',
          subjectType: 'organisation',
          subjectId: organisationId,
          details: { view: query.view, requestIds: listed.rows.map((row) => row.id) },
          requestId: caller.requestId,
        })
      }
      return { ...today, query, rows: listed.rows, total: listed.total, perPage: requestsPerPage, counts, terms }
    },

    /** One request with everything the resident told us; audited. */
    request: requestPage,

    /** One person at a time: of two claiming at once, one wins and the other is shown who did. */
    async claim(caller: Caller, requestId: string): Promise<ClaimResult> {
      const { actor, networkId, organisationId } = frontDoorWorker(caller)
      const claimed = await db.transaction(async (tx) => {
        const won = await claimRequest(tx, networkId, requestId, { userId: actor.userId, organisationId, at: deps.now() })
        if (won) {
          await audit(tx, {
            networkId,
            actorUserId: actor.userId,
            action: 'front-door.request-claimed',
            subjectType: 'front_door_request',
            subjectId: requestId,
            requestId: caller.requestId,
          })
        }
        return won
      })
      return claimed ? { claimed: true } : { claimed: false, page: await requestPage(caller, requestId) }
    },

    /** Back to the queue for someone else: only the person who claimed it. */
    async release(caller: Caller, requestId: string): Promise<void> {
      const { actor, networkId, request } = await claimedByCaller(caller, requestId)
      await db.transaction(async (tx) => {
        if (!(await releaseRequest(tx, networkId, request.id, { userId: actor.userId, at: deps.now() }))) throw new RequestNotYours(request)
        await audit(tx, {
          networkId,
          actorUserId: actor.userId,
          action: 'front-door.request-released',
          subjectType: 'front_door_request',
          subjectId: request.id,
          requestId: caller.requestId,
        })
      })
    },

    /** The close form: only for the person who claimed the request. */
    async closeForm(caller: Caller, requestId: string): Promise<RequestWithNames> {
      return (await claimedByCaller(caller, requestId)).request
    },

    async close(caller: Caller, requestId: string, input: CloseInput): Promise<void> {
      const { actor, networkId, request } = await claimedByCaller(caller, requestId)
      await db.transaction(async (tx) => {
        const closed = await closeRequest(tx, networkId, request.id, { userId: actor.userId, reason: input.reason, note: input.note, at: deps.now() })
        if (!closed) throw new RequestNotYours(request)
        await audit(tx, {
          networkId,
          actorUserId: actor.userId,
          action: 'front-door.request-closed',
          subjectType: 'front_door_request',
          subjectId: request.id,
          details: { reason: input.reason },
          requestId: caller.requestId,
        })
      })
    },

    /** Who the phone-assisted form's consent wording names: the network and its front-door organisations. */
    async phoneForm(caller: Caller): Promise<{ networkName: string; terms: TermRow[]; frontDoorOrganisations: string[] }> {
      const { context, networkId } = frontDoorWorker(caller)
      const { terms, frontDoorOrganisations } = await createAskService(deps).choices(networkId)
      return { networkName: context.networkName, terms, frontDoorOrganisations: frontDoorOrganisations.map((organisation) => organisation.name) }
    },

    /**
     * A caller asks for help by phone: the worker records the same answers as the online form, with the consent
     * they gave verbally, and the request is theirs (claimed) at once, so they go straight on to referrals.
     */
    async recordPhoneRequest(caller: Caller, answers: RequestAnswers): Promise<{ id: string; reference: string }> {
      const { actor, networkId, organisationId } = frontDoorWorker(caller)
      const network = await networkById(db, networkId)
      if (!network) throw new NotFoundError()
      return transactionWithMail(
        deps,
        async (tx) => {
          const saved = await recordRequest(deps, tx, network, answers, {
            channel: 'phone',
            consentMethod: 'verbal',
            recordedBy: { userId: actor.userId, organisationId },
          })
          await claimRequest(tx, networkId, saved.id, { userId: actor.userId, organisationId, at: deps.now() })
          await audit(tx, {
            networkId,
            actorUserId: actor.userId,
            action: 'front-door.request-recorded',
            subjectType: 'front_door_request',
            subjectId: saved.id,
            details: { channel: 'phone', consentMethod: 'verbal' },
            requestId: caller.requestId,
          })
          return saved
        },
        { networkId },
      )
    },

    /** The intake form, filled in from the request: the worker adds only what is missing. */
    async convertForm(caller: Caller, requestId: string): Promise<{ request: RequestWithNames; terms: TermRow[] } | { convertedIntakeId: string }> {
      let claimed
      try {
        claimed = await claimedByCaller(caller, requestId)
      } catch (error) {
        // Back to the form after converting it (the browser's back button): on to its referrals instead.
        if (error instanceof RequestNotYours && error.request.status === 'converted' && error.request.intakeId && error.request.claimedByUserId === caller.actor?.userId) {
          return { convertedIntakeId: error.request.intakeId }
        }
        throw error
      }
      const { actor, networkId, request } = claimed
      const terms = await offeredTerms(db, networkId)
      await audit(db, {
        networkId,
        actorUserId: actor.userId,
        action: 'front-door.request-viewed',
        subjectType: 'front_door_request',
        subjectId: request.id,
        details: { page: 'convert' },
        requestId: caller.requestId,
      })
      return { request, terms }
    },

    /**
     * Turns the request into a client, an intake and the consent the resident gave, all or nothing, through the
     * referrals modules' own services (run inside this transaction), and marks the request converted. Possible
     * duplicates come back first, as on the intake form; a request already converted answers with its intake.
     */
    async convert(caller: Caller, requestId: string, input: IntakeInput): Promise<ConvertResult> {
      const { actor, networkId } = frontDoorWorker(caller)
      const now = deps.now()
      return db.transaction(async (tx) => {
        const locked = await lockRequest(tx, networkId, requestId)
        if (!locked) throw new NotFoundError()
        if (locked.status === 'converted' && locked.intakeId && locked.claimedByUserId === actor.userId) {
          return { kind: 'already-converted' as const, intakeId: locked.intakeId }
        }
        if (locked.status !== 'claimed' || locked.claimedByUserId !== actor.userId) {
          throw new RequestNotYours((await findRequest(tx, networkId, requestId)) as RequestWithNames)
        }
        const consent = consentFromRequest(locked, translator(caller.language)('front-door:convert.consentPurpose', { reference: locked.reference, version: locked.consentWordingVersion }))
        if (consent.expiresOn < ukDate(now)) throw new RequestRefused((await findRequest(tx, networkId, requestId)) as RequestWithNames, 'front-door:errors.consentTooOld')
        // The referrals modules' services, on this transaction: their own transactions become savepoints in it.
        const inTransaction = { ...deps, db: tx as unknown as Database }
        const created = await createClientsService(inTransaction).createIntake(caller, input)
        if (created.kind === 'duplicates') return created
        await createConsentService(inTransaction).recordForIntake(caller, created.intakeId, consent)
        await markConverted(tx, networkId, locked.id, { clientId: created.clientId, intakeId: created.intakeId, at: now })
        await audit(tx, {
          networkId,
          actorUserId: actor.userId,
          action: 'front-door.request-converted',
          subjectType: 'front_door_request',
          subjectId: locked.id,
          details: { clientId: created.clientId, intakeId: created.intakeId },
          requestId: caller.requestId,
        })
        return created
      })
    },
  }
}

export type TriageService = ReturnType<typeof createTriageService>
