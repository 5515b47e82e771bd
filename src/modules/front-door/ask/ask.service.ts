import { createHash, randomBytes, randomInt } from 'node:crypto'
import type { Executor, Transaction } from '../../../db/client.js'
import { DomainError, NotFoundError } from '../../../platform/errors.js'
import { isPublicLanguage, type PublicLanguage } from '../../../platform/i18n/i18n.js'
import { queueMail, smsAvailable } from '../../../platform/mail/mail.js'
import { transactionWithMail } from '../../../platform/mail/mail.service.js'
import type { ServiceDependencies } from '../../../services.js'
import { offeredTerms } from '../../directory/taxonomy/taxonomy.service.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import { networkById, networkBySlug, type NetworkRow } from '../../networks/networks.service.js'
import { notifyOrganisations } from '../../notifications/notifications.service.js'
import * as repository from './ask.repository.js'
import { consentWordingVersion, firstUnanswered, requestAnswersSchema, type DraftAnswers, type QuestionSlug, type RequestAnswers } from './ask.schemas.js'

/** A draft lives this long after its last answer (decision 0015). */
export const draftLifetimeMs = 24 * 60 * 60_000
/** No 0/O, 1/I/L or U: a reference is read out over the phone. */
const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ'

export function newReference(): string {
  let code = ''
  for (let index = 0; index < 6; index += 1) code += referenceAlphabet[randomInt(referenceAlphabet.length)]
  return `H-${code}`
}

/** A UK mobile number (07…, +44 7…) in the form Notify takes, or null for a landline or anything else. */
export function ukMobileNumber(phone: string): string | null {
  const digits = phone.replace(/[\s().-]/g, '')
  const match = /^(?:\+44|0044|44|0)(7\d{9})$/.exec(digits)
  return match ? `+44${match[1]}` : null
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

export interface SubmitOptions {
  channel: 'online' | 'phone'
  consentMethod: 'online' | 'verbal'
  /** Phone-assisted: the staff member who filled it in, and their organisation. */
  recordedBy?: { userId: string; organisationId: string }
  /** The language of the confirmation email when the contact language has no translation of it; English by default. */
  replyLanguage?: PublicLanguage
}

/**
 * Records a request for help (online self-referral or phone-assisted) in the caller's transaction: the row with a new
 * reference, a confirmation email with the reference only if they gave an email address, and an in-app notice to the
 * front-door organisations' staff (the reference only). Answers are checked again; issues not offered by the network
 * are dropped. Open the transaction with transactionWithMail so the email leaves at once.
 */
export async function recordRequest(
  deps: Pick<ServiceDependencies, 'now' | 'config'>,
  tx: Transaction,
  network: Pick<NetworkRow, 'id' | 'name'>,
  answers: RequestAnswers,
  options: SubmitOptions,
): Promise<{ id: string; reference: string }> {
  const checked = requestAnswersSchema.safeParse(answers)
  if (!checked.success) throw new DomainError('front-door-public:errors.incomplete', 400, String(checked.error.issues[0]?.path[0] ?? 'form'))
  const offered = new Set((await offeredTerms(tx, network.id)).map((term) => term.id))
  const value = checked.data
  const now = deps.now()
  let saved: { id: string; reference: string } | null = null
  // Six characters from thirty: a clash is rare, and a retry draws again.
  for (let attempt = 0; attempt < 5 && !saved; attempt += 1) {
    saved = await repository.insertRequest(tx, {
      networkId: network.id,
      reference: newReference(),
      channel: options.channel,
      status: 'new',
      language: value.language,
      interpreterNeeded: value.interpreterNeeded,
      issueTermIds: value.issueTermIds.filter((id) => offered.has(id)),
      need: value.need,
      name: value.name,
      postcode: value.postcode,
      phone: value.phone,
      email: value.email,
      contactMethod: value.contactMethod,
      contactTimes: value.contactTimes,
      safeToLeaveMessage: value.safeToLeaveMessage,
      contactDifficulties: value.contactDifficulties,
      consentMethod: options.consentMethod,
      consentGivenAt: now,
      consentWordingVersion,
      recordedByUserId: options.recordedBy?.userId ?? null,
      recordedByOrganisationId: options.recordedBy?.organisationId ?? null,
      createdAt: now,
      updatedAt: now,
    })
  }
  if (!saved) throw new Error('could not draw a free request reference')
  const language = isPublicLanguage(value.language) ? value.language : (options.replyLanguage ?? 'en')
  const confirmation = { networkId: network.id, template: 'frontDoorConfirmation', language, data: { reference: saved.reference, networkName: network.name } } as const
  if (value.email) await queueMail(tx, { ...confirmation, to: value.email })
  const mobile = value.phone ? ukMobileNumber(value.phone) : null
  if (mobile && smsAvailable(deps.config)) await queueMail(tx, { ...confirmation, channel: 'sms', to: mobile })
  const frontDoor = await repository.listFrontDoorOrganisations(tx, network.id)
  await notifyOrganisations(deps, tx, {
    networkId: network.id,
    organisationIds: frontDoor.map((organisation) => organisation.id),
    kind: 'frontDoorRequest',
    params: { reference: saved.reference, path: '/front-door' },
  })
  return saved
}

export type SubmitOutcome = { status: 'sent'; reference: string } | { status: 'incomplete'; question: QuestionSlug } | { status: 'no-draft' }

export function createAskService(deps: ServiceDependencies) {
  const { db } = deps

  async function publicNetwork(slug: string): Promise<NetworkRow> {
    const network = await networkBySlug(db, slug)
    if (!network) throw new NotFoundError()
    return network
  }

  async function openDraft(db: Executor, networkId: string, token: string | undefined): Promise<repository.DraftRow | null> {
    if (!token || token.length > 100) return null
    return repository.findDraft(db, networkId, hashToken(token), deps.now())
  }

  return {
    network: publicNetwork,

    /** What the questions offer: the network's issues, and who the front-door team is (for the consent page). */
    async choices(networkId: string): Promise<{ terms: TermRow[]; frontDoorOrganisations: { id: string; name: string }[] }> {
      const [terms, frontDoorOrganisations] = await Promise.all([offeredTerms(db, networkId), repository.listFrontDoorOrganisations(db, networkId)])
      return { terms, frontDoorOrganisations }
    },

    /** A new, empty draft; returns the token for the browser's cookie. Clears expired drafts on the way. */
    async startDraft(networkId: string, language: PublicLanguage): Promise<string> {
      const token = randomBytes(32).toString('base64url')
      const now = deps.now()
      await db.transaction(async (tx) => {
        await repository.deleteExpiredDrafts(tx, now)
        await repository.insertDraft(tx, { networkId, tokenHash: hashToken(token), language, expiresAt: new Date(now.getTime() + draftLifetimeMs), now })
      })
      return token
    },

    /** The draft's answers so far, or null when there is none (never started, expired or already sent). */
    async draftAnswers(networkId: string, token: string | undefined): Promise<DraftAnswers | null> {
      const draft = await openDraft(db, networkId, token)
      return draft ? (draft.answers as DraftAnswers) : null
    },

    /** Adds one page's answers to the draft. False when there is no draft to add them to. */
    async saveAnswers(networkId: string, token: string | undefined, language: PublicLanguage, answers: DraftAnswers): Promise<boolean> {
      const now = deps.now()
      return db.transaction(async (tx) => {
        const draft = await openDraft(tx, networkId, token)
        if (!draft) return false
        const merged: DraftAnswers = { ...(draft.answers as DraftAnswers), ...answers }
        if (answers.issueTermIds) {
          const offered = new Set((await offeredTerms(tx, networkId)).map((term) => term.id))
          merged.issueTermIds = answers.issueTermIds.filter((id) => offered.has(id))
        }
        await repository.updateDraft(tx, networkId, draft.id, { answers: merged, language, expiresAt: new Date(now.getTime() + draftLifetimeMs), now })
        return true
      })
    },

    /** Sends the draft as a request (online, consent given online) and deletes it, in one transaction. */
    async submitDraft(networkId: string, token: string | undefined, language: PublicLanguage): Promise<SubmitOutcome> {
      const row = await networkById(db, networkId)
      if (!row) throw new NotFoundError()
      return transactionWithMail(
        deps,
        async (tx): Promise<SubmitOutcome> => {
          const draft = await openDraft(tx, networkId, token)
          if (!draft) return { status: 'no-draft' }
          const answers = draft.answers as DraftAnswers
          const missing = firstUnanswered(answers)
          if (missing) return { status: 'incomplete', question: missing }
          const saved = await recordRequest(deps, tx, row, answers as RequestAnswers, { channel: 'online', consentMethod: 'online', replyLanguage: language })
          await repository.deleteDraft(tx, networkId, draft.id)
          return { status: 'sent', reference: saved.reference }
        },
        { networkId },
      )
    },

    /** Housekeeping: drafts nobody finished hold personal data, so they go once expired. */
    async deleteExpiredDrafts(): Promise<void> {
      await repository.deleteExpiredDrafts(db, deps.now())
    },

    /** A draft tripped the honeypot: it is thrown away, nothing is recorded. */
    async discardDraft(networkId: string, token: string | undefined): Promise<void> {
      const draft = await openDraft(db, networkId, token)
      if (draft) await repository.deleteDraft(db, networkId, draft.id)
    },

    /** For the front-door team's phone-assisted pages and any other channel: see recordRequest. */
    async submitRequest(networkId: string, answers: RequestAnswers, options: SubmitOptions): Promise<{ id: string; reference: string }> {
      const network = await networkById(db, networkId)
      if (!network) throw new NotFoundError()
      return transactionWithMail(deps, (tx) => recordRequest(deps, tx, network, answers, options), { networkId })
    },
  }
}

export type AskService = ReturnType<typeof createAskService>
