import type { Executor, Transaction } from '../../../db/client.js'
import type { Caller } from '../../../platform/access/caller.js'
import { audit } from '../../../platform/audit/audit.service.js'
import { DomainError, NotFoundError } from '../../../platform/errors.js'
import { isLanguage } from '../../../platform/i18n/i18n.js'
import { queueMail } from '../../../platform/mail/mail.js'
import { transactionWithMail } from '../../../platform/mail/mail.service.js'
import type { ServiceDependencies } from '../../../services.js'
import { holderAccess, intakeAccess, type ClientAccess } from '../clients/client-access.js'
import { ukDate } from '../sla/working-days.js'
import { decideConsent, type ConsentDecision } from './consent-decision.js'
import {
  insertConsent,
  listConsentsOfClient,
  lockConsentsOfClient,
  listNetworkOrganisations,
  listReceiversAndAdmins,
  listReferralsHeldElsewhere,
  markConsentWithdrawn,
  namesForConsents,
  type ConsentRow,
} from './consent.repository.js'
import type { ConsentInput } from './consent.schemas.js'
import { dateFormat } from '../../../platform/i18n/date-format.js'

/** Asked before anything about a client is shared with another organisation (sending, re-routing). */
export async function consentDecision(
  db: Executor,
  request: { networkId: string; clientId: string; organisationId: string; at: Date },
): Promise<ConsentDecision> {
  const consents = await listConsentsOfClient(db, request.networkId, request.clientId)
  return decideConsent(consents, request.organisationId, ukDate(request.at))
}

/**
 * Inside the transaction that shares (sending, re-routing): whether consent allows each receiving organisation, read
 * once with the consents locked until the transaction ends, so a withdrawal cannot pass a send unseen.
 */
export async function lockedConsentDecisions(
  tx: Transaction,
  request: { networkId: string; clientId: string; organisationIds: Iterable<string>; at: Date },
): Promise<Map<string, ConsentDecision>> {
  const consents = await lockConsentsOfClient(tx, request.networkId, request.clientId)
  const today = ukDate(request.at)
  return new Map([...request.organisationIds].map((organisationId) => [organisationId, decideConsent(consents, organisationId, today)]))
}

/** Where a client's consent stands today, for pages: the newest consent decides, as for sharing. */
export type ConsentState = 'active' | 'missing' | 'withdrawn' | 'expired'

export function consentState(consents: ConsentRow[], today: string): ConsentState {
  const current = consents[0]
  if (!current) return 'missing'
  if (current.withdrawnAt) return 'withdrawn'
  if (current.expiresOn < today) return 'expired'
  return 'active'
}

export interface ConsentHistory {
  state: ConsentState
  current: ConsentRow | null
  consents: ConsentRow[]
  userNames: Map<string, string>
  organisationNames: Map<string, string>
}

export async function consentHistory(db: Executor, networkId: string, consents: ConsentRow[], at: Date): Promise<ConsentHistory> {
  const names = await namesForConsents(db, networkId, consents)
  return {
    state: consentState(consents, ukDate(at)),
    current: consents[0] ?? null,
    consents,
    userNames: names.users,
    organisationNames: names.organisations,
  }
}

/** The date a year from a UK date: consent lasts 12 months unless the worker chooses otherwise. */
export function twelveMonthsAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  const next = new Date(Date.UTC(year + 1, month - 1, day))
  // 29 February → 28 February, not 1 March.
  if (next.getUTCMonth() !== month - 1) next.setUTCDate(0)
  return next.toISOString().slice(0, 10)
}

export interface ConsentForm {
  access: ClientAccess
  history: ConsentHistory
  /** Organisations a consent may name: the network's others. */
  organisations: { id: string; name: string }[]
  defaults: { givenOn: string; givenTime: string; expiresOn: string }
}

export function createConsentService(deps: ServiceDependencies) {
  const { db, config } = deps

  async function formFor(access: ClientAccess): Promise<ConsentForm> {
    const now = deps.now()
    const today = ukDate(now)
    const [history, organisations] = await Promise.all([
      consentHistory(db, access.context.networkId, access.consents, now),
      listNetworkOrganisations(db, access.context.networkId),
    ])
    const time = dateFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now)
    return {
      access,
      history,
      organisations: organisations.filter((organisation) => organisation.id !== access.client.organisationId),
      defaults: { givenOn: today, givenTime: time, expiresOn: twelveMonthsAfter(today) },
    }
  }

  async function record(access: ClientAccess, input: ConsentInput, subject: { intakeId?: string }): Promise<string> {
    const now = deps.now()
    const today = ukDate(now)
    if (input.givenAt.getTime() > now.getTime() + 5 * 60_000) throw new DomainError('clients:errors.givenInFuture', 400, 'givenDay')
    if (input.expiresOn < today) throw new DomainError('clients:errors.expiresInPast', 400, 'expiresDay')
    const networkId = access.context.networkId
    if (input.organisationIds.length > 0) {
      const known = new Set((await listNetworkOrganisations(db, networkId)).map((organisation) => organisation.id))
      if (input.organisationIds.some((id) => !known.has(id))) throw new DomainError('clients:errors.organisationsRequired', 400, 'organisations')
    }
    return db.transaction(async (tx) => {
      const consentId = await insertConsent(
        tx,
        {
          networkId,
          clientId: access.client.id,
          method: input.method,
          givenAt: input.givenAt,
          recordedBy: access.actor.userId,
          recordedByOrganisationId: access.client.organisationId,
          scope: input.scope,
          purpose: input.purpose,
          expiresOn: input.expiresOn,
        },
        input.organisationIds,
      )
      await audit(tx, {
        networkId,
        actorUserId: access.actor.userId,
        action: 'consent.recorded',
        subjectType: 'client',
        subjectId: access.client.id,
        details: { consentId, ...subject },
      })
      return consentId
    })
  }

  return {
    /** The consent page straight after an intake; only the organisation that recorded the client fills it in. */
    async formForIntake(caller: Caller, intakeId: string): Promise<ConsentForm & { intakeId: string }> {
      const access = await intakeAccess(db, caller, intakeId, deps.now(), 'holder')
      return { ...(await formFor(access)), intakeId: access.intake.id }
    },

    async recordForIntake(caller: Caller, intakeId: string, input: ConsentInput): Promise<string> {
      const access = await intakeAccess(db, caller, intakeId, deps.now(), 'holder')
      return record(access, input, { intakeId: access.intake.id })
    },

    async formForClient(caller: Caller, clientId: string): Promise<ConsentForm> {
      return formFor(await holderAccess(db, caller, clientId, deps.now()))
    },

    /** Renewal (after expiry or withdrawal, or early): a new consent row; the newest one decides. */
    async renew(caller: Caller, clientId: string, input: ConsentInput): Promise<string> {
      return record(await holderAccess(db, caller, clientId, deps.now()), input, {})
    },

    /** The consent a withdrawal would end: the one in force (expired counts: it still names organisations). */
    async withdrawable(caller: Caller, clientId: string): Promise<{ access: ClientAccess; consent: ConsentRow }> {
      const access = await holderAccess(db, caller, clientId, deps.now())
      const consent = access.consents[0]
      if (!consent || consent.withdrawnAt) throw new NotFoundError()
      return { access, consent }
    },

    /**
     * Stops all further sharing, and tells every other organisation holding a referral for this client, by
     * email to its receivers and admins: only the referral references and links, never the client's details.
     */
    async withdraw(caller: Caller, clientId: string, note: string): Promise<{ organisationsTold: number }> {
      const { access, consent } = await this.withdrawable(caller, clientId)
      const networkId = access.context.networkId
      const now = deps.now()
      return transactionWithMail(
        deps,
        async (tx) => {
          const changed = await markConsentWithdrawn(tx, networkId, consent.id, { at: now, by: access.actor.userId, note })
          if (!changed) return { organisationsTold: 0 }
          const held = await listReferralsHeldElsewhere(tx, networkId, clientId, access.client.organisationId)
          const byOrganisation = new Map<string, { id: string; reference: string }[]>()
          for (const referral of held) byOrganisation.set(referral.organisationId, [...(byOrganisation.get(referral.organisationId) ?? []), referral])
          for (const [organisationId, referrals] of byOrganisation) {
            const data = {
              references: referrals.map((referral) => referral.reference).join(', '),
              links: referrals.map((referral) => `${config.BASE_URL}/referrals/${referral.id}`).join('\n'),
              organisationName: access.context.organisationName ?? '',
            }
            for (const person of await listReceiversAndAdmins(tx, networkId, organisationId)) {
              await queueMail(tx, {
                networkId,
                to: person.email,
                template: 'consentWithdrawn',
                language: isLanguage(person.language) ? person.language : 'en',
                data,
              })
            }
          }
          await audit(tx, {
            networkId,
            actorUserId: access.actor.userId,
            action: 'consent.withdrawn',
            subjectType: 'client',
            subjectId: clientId,
            details: { consentId: consent.id, organisationIds: [...byOrganisation.keys()] },
            requestId: caller.requestId,
          })
          return { organisationsTold: byOrganisation.size }
        },
        { networkId },
      )
    },
  }
}

export type ConsentService = ReturnType<typeof createConsentService>
