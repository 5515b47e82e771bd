import { randomInt } from 'node:crypto'
import type { Transaction } from '../../../db/client.js'
import { DomainError } from '../../../platform/errors.js'
import type { ServiceDependencies } from '../../../services.js'
import { notifyReferralEvent } from '../../notifications/notifications.service.js'
import { lockedConsentDecisions } from '../consent/consent.service.js'
import { addWorkingDays, ukDate } from '../sla/working-days.js'
import { choiceFor, type Candidate } from './candidates.js'
import { insertReferralEvents, insertReferralsOnce, listReferralsByKey, listServicesToSend, type IntakeForSending } from './sending.repository.js'

/** Making referrals from an intake: the rules every send obeys, whether first sent or re-routed. */

/** A problem with what was chosen; message is an i18n key, params name the service or organisation. */
export interface SendingProblem {
  field: string
  message: string
  params?: Record<string, string>
}

/** Nothing was sent: each problem is shown on the form. */
export class SendingRefused extends DomainError {
  constructor(readonly problems: SendingProblem[]) {
    super('referrals:errors.notSent', 400)
  }
}

export interface Chosen {
  serviceId: string
  justification?: string
}

/** Unambiguous when read out on the phone: no 0/O, 1/I/L, U/V. */
const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ'
export function newReference(): string {
  let code = ''
  for (let i = 0; i < 6; i++) code += referenceAlphabet[randomInt(referenceAlphabet.length)]
  return `R-${code}`
}

/** Where sending draws references: an object, so a test can make two draws clash (a one-in-600-million event). */
export const references = { draw: newReference }

/** Checks each choice against the verdict the referrer was shown: unknown, paused or closed, or needing a reason. */
export function checkChoices(chosen: Chosen[], judged: Map<string, Candidate>): SendingProblem[] {
  const problems: SendingProblem[] = []
  for (const choice of chosen) {
    const candidate = judged.get(choice.serviceId)
    if (!candidate) {
      problems.push({ field: 'service', message: 'referrals:errors.serviceNotOffered' })
      continue
    }
    const kind = choiceFor(candidate)
    if (kind === 'unavailable') problems.push({ field: 'service', message: 'referrals:errors.serviceUnavailable', params: { service: candidate.name } })
    if (kind === 'justify' && !choice.justification?.trim()) {
      problems.push({ field: `justification-${choice.serviceId}`, message: 'referrals:errors.justificationRequired', params: { service: candidate.name } })
    }
  }
  return problems
}

export interface Dispatch {
  intake: IntakeForSending
  /** The organisation and user the referrals come from (a re-route keeps the original referrer). */
  fromOrganisationId: string
  fromUserId: string | null
  actor: { userId: string; organisationId: string | null }
  chosen: Chosen[]
  judged: Map<string, Candidate>
  idempotencyKey: string
  previousReferralId?: string
}

export interface Dispatched {
  id: string
  serviceId: string
  created: boolean
}

const attempts = 5

/**
 * Inside the caller's transaction: asks consent for each receiving organisation, then makes one referral per service
 * with its 'sent' event and notification, the referrals and the events each in one statement however many services
 * were chosen. A key already used for a service gives back that referral, creating nothing.
 */
export async function dispatchReferrals(deps: Pick<ServiceDependencies, 'config' | 'now'>, tx: Transaction, order: Dispatch): Promise<Dispatched[]> {
  const { intake } = order
  const networkId = intake.intake.networkId
  const now = deps.now()
  if (order.chosen.length === 0) throw new SendingRefused([{ field: 'service', message: 'referrals:errors.chooseService' }])
  const chosenServices = await listServicesToSend(tx, {
    networkId,
    intakeId: intake.intake.id,
    idempotencyKey: order.idempotencyKey,
    serviceIds: order.chosen.map((choice) => choice.serviceId),
  })
  const sentBefore = new Map(chosenServices.filter((service) => service.sentAs !== null).map((service) => [service.id, service.sentAs as string]))
  const toSend = order.chosen.filter((choice) => !sentBefore.has(choice.serviceId))
  const problems = checkChoices(toSend, order.judged)
  if (problems.length > 0) throw new SendingRefused(problems)

  const services = chosenServices.filter((service) => service.sentAs === null)
  const consentIds = new Map<string, string>()
  const decisions = await lockedConsentDecisions(tx, { networkId, clientId: intake.intake.clientId, organisationIds: new Set(services.map((service) => service.organisationId)), at: now })
  for (const [organisationId, decision] of decisions) {
    if (!decision.allowed) throw new SendingRefused([{ field: 'consent', message: `referrals:errors.consent.${decision.reason}` }])
    consentIds.set(organisationId, decision.consentId)
  }

  const sentAlready: Dispatched[] = order.chosen
    .filter((choice) => sentBefore.has(choice.serviceId))
    .map((choice) => ({ id: sentBefore.get(choice.serviceId) as string, serviceId: choice.serviceId, created: false }))
  const urgent = intake.intake.urgency === 'urgent'
  const valuesFor = (service: (typeof services)[number]) => {
    const choice = toSend.find((one) => one.serviceId === service.id) as Chosen
    const candidate = order.judged.get(service.id) as Candidate
    const { network } = service
    const slaDays = urgent ? network.urgentContactSlaDays : (service.contactSlaDays ?? network.contactSlaDays)
    return {
      networkId,
      intakeId: intake.intake.id,
      clientId: intake.intake.clientId,
      fromOrganisationId: order.fromOrganisationId,
      fromUserId: order.fromUserId,
      serviceId: service.id,
      toOrganisationId: service.organisationId,
      status: 'sent' as const,
      urgency: intake.intake.urgency,
      contactSlaDays: slaDays,
      contactDueOn: addWorkingDays(ukDate(now), slaDays, network.nation),
      justification: candidate.fits ? null : (choice.justification?.trim() ?? null),
      eligibility: candidate.reasons,
      previousReferralId: order.previousReferralId ?? null,
      idempotencyKey: order.idempotencyKey,
      reference: references.draw(),
      sentAt: now,
      updatedAt: now,
    }
  }

  // All the referrals in one statement; a row left out was sent by a concurrent double submit, or its reference clashed.
  const made = new Map<string, { id: string; reference: string }>()
  const concurrent = new Map<string, string>()
  let pending = services
  for (let attempt = 0; attempt < attempts && pending.length > 0; attempt++) {
    for (const row of await insertReferralsOnce(tx, pending.map(valuesFor))) made.set(row.serviceId, row)
    const missing = pending.filter((service) => !made.has(service.id))
    if (missing.length === 0) break
    const byKey = await listReferralsByKey(tx, networkId, order.idempotencyKey)
    for (const row of byKey) if (row.intakeId === intake.intake.id && !made.has(row.serviceId)) concurrent.set(row.serviceId, row.id)
    pending = missing.filter((service) => !concurrent.has(service.id))
  }
  if (services.some((service) => !made.has(service.id) && !concurrent.has(service.id))) throw new Error('no free referral reference after several attempts')

  const sentNow = services.filter((service) => made.has(service.id))
  await insertReferralEvents(
    tx,
    sentNow.map((service) => ({
      networkId,
      referralId: (made.get(service.id) as { id: string }).id,
      type: 'sent' as const,
      toStatus: 'sent' as const,
      actorUserId: order.actor.userId,
      actorOrganisationId: order.actor.organisationId,
      data: { consentId: consentIds.get(service.organisationId), ...(order.previousReferralId ? { previousReferralId: order.previousReferralId } : {}) },
      createdAt: now,
    })),
  )
  for (const service of sentNow) {
    const { id, reference } = made.get(service.id) as { id: string; reference: string }
    await notifyReferralEvent(deps, tx, {
      networkId,
      referralId: id,
      reference,
      type: 'sent',
      actorUserId: order.actor.userId,
      actorOrganisationId: order.actor.organisationId,
      fromOrganisationId: order.fromOrganisationId,
      toOrganisationId: service.organisationId,
      known: { fromUserId: order.fromUserId, serviceName: service.name },
    })
  }
  const results: Dispatched[] = [
    ...sentAlready,
    ...services.map((service) => {
      const mine = made.get(service.id)
      return mine ? { id: mine.id, serviceId: service.id, created: true } : { id: concurrent.get(service.id) as string, serviceId: service.id, created: false }
    }),
  ]
  return results
}
