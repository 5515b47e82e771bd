import type { ServiceDependencies } from '../../services.js'
import type { Transaction } from '../../db/client.js'
import {
  claimOutboxMessage,
  findDeliverableOutboxMessages,
  findOutboxMessage,
  findOutboxMessagesToDispatch,
  listRecentOutboxMessages,
  markOutboxAttemptFailed,
  markOutboxSent,
  reopenFailedOutboxMessages,
  reopenRestedOutboxMessages,
  type OutboxRow,
  type OutboxScope,
} from './outbox.repository.js'
import { chooseSmsTransport, chooseTransport, describeDeliveryError, developmentMailboxEnabled, type MailTransport } from './transports.js'

export const mailJobNames = { dispatch: 'mail.dispatch', deliver: 'mail.deliver' } as const

/**
 * How long one attempt holds a message. Sending is bounded by the transports' timeouts (well under this),
 * so a lease only runs out when the worker died; the message then becomes free for another attempt.
 */
const leaseMs = 5 * 60_000
/** After a round of retries has failed, the message rests this long before the dispatcher starts another. */
const restMs = 60 * 60_000
/**
 * A pending message untouched for this long has lost its job (the worker died on its last retry), so the
 * dispatcher gives it a new one. Must be longer than the longest wait between retries (mail.jobs.ts).
 */
const orphanedAfterMs = 60 * 60_000
const dispatchBatchSize = 500

/** The dispatcher's scope goes into the job queue, so it is a network id only, never an address. */
export type DispatchScope = Pick<OutboxScope, 'networkId'>

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed'

/** A delivery attempt failed; the job queue retries the job that threw it. The message holds no personal data. */
export class MailDeliveryError extends Error {}

export interface MailService {
  /** See dispatchMailSoon: call after committing a transaction that queued mail. */
  dispatchSoon(scope?: DispatchScope): Promise<void>
  /** The sweep: gives every pending message that needs one a delivery job. Returns how many it queued. */
  dispatch(scope?: DispatchScope): Promise<number>
  /** One attempt to send one message; throws MailDeliveryError on failure so the job queue retries it. */
  deliverOutboxMessage(id: string, options?: { finalAttempt?: boolean }): Promise<Exclude<DeliveryOutcome, 'failed'>>
  /**
   * Without the job queue (tests, the browser journey): sends every unsent message now. Pass a scope on a
   * shared database so you only send your own. Failures are recorded on the message, not thrown.
   */
  deliverPending(scope?: OutboxScope): Promise<{ sent: number; failed: number }>
  /** The development mailbox: the most recent messages, newest first. */
  listMailbox(limit?: number): Promise<OutboxRow[]>
  findMailboxMessage(id: string): Promise<OutboxRow | null>
  readonly mailboxEnabled: boolean
}

/**
 * For any service, after the transaction that queued mail has committed: asks the job queue to deliver it
 * now rather than at the next minute's sweep. Never throws (the sweep is the safety net); without jobs it
 * does nothing. `deps.jobs` is read at call time because the server starts the jobs after building services.
 */
export async function dispatchMailSoon(deps: Pick<ServiceDependencies, 'jobs'>, scope: DispatchScope = {}): Promise<void> {
  const jobs = deps.jobs
  if (!jobs) return
  try {
    const data = scope.networkId ? { networkId: scope.networkId } : {}
    // No singleton key: one already running may have looked before this commit. Extra dispatches are cheap,
    // and each message still gets exactly one delivery job (singleton per outbox id) and one claim.
    await jobs.send(mailJobNames.dispatch, data)
  } catch {
    // The scheduled sweep will find the message within a minute.
  }
}

export function createMailService(deps: ServiceDependencies): MailService {
  const { db, config } = deps
  let transport: MailTransport | undefined
  let smsTransport: MailTransport | null | undefined
  const currentTransport = (): MailTransport => (transport ??= chooseTransport(config))
  const currentSmsTransport = (): MailTransport => {
    smsTransport ??= chooseSmsTransport(config)
    // Only queued when SMS was available (smsAvailable); the configuration changed since.
    if (!smsTransport) throw new Error('text messages are not configured (NOTIFY_SMS_TEMPLATE_ID)')
    return smsTransport
  }

  /*
   * Why a lease and not SELECT … FOR UPDATE: PGlite is one connection, so a transaction held open across
   * the SMTP or Notify call would stall every other query of the app while the mail server answers (or
   * doesn't). Instead one UPDATE claims the message and commits at once; it holds the message until the
   * lease ends, so no other worker (or a duplicate job) sends it meanwhile. Each later write is one statement too.
   */
  async function attempt(id: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const now = deps.now()
    const message = await claimOutboxMessage(db, id, now, new Date(now.getTime() + leaseMs))
    // Already sent, being sent by someone else, resting, or gone: nothing to do for this attempt.
    if (!message) return 'skipped'
    try {
      const sender = message.channel === 'sms' ? currentSmsTransport() : currentTransport()
      const { providerId } = await sender.send({
        id: message.id,
        channel: message.channel,
        to: message.toAddress,
        subject: message.subject,
        bodyText: message.bodyText,
        language: message.language,
      })
      await markOutboxSent(db, id, { transport: sender.name, providerId, sentAt: deps.now() })
      return 'sent'
    } catch (error) {
      const failedAt = deps.now()
      await markOutboxAttemptFailed(db, id, {
        error: describeDeliveryError(error),
        now: failedAt,
        restUntil: finalAttempt ? new Date(failedAt.getTime() + restMs) : null,
      })
      return 'failed'
    }
  }

  return {
    mailboxEnabled: developmentMailboxEnabled(config),

    dispatchSoon: (scope) => dispatchMailSoon(deps, scope),

    async dispatch(requested = {}) {
      const jobs = deps.jobs
      if (!jobs) return 0
      const scope = requested.networkId ? { networkId: requested.networkId } : {}
      const now = deps.now()
      const reopened = await reopenRestedOutboxMessages(db, now, scope)
      const waiting = await findOutboxMessagesToDispatch(db, new Date(now.getTime() - orphanedAfterMs), dispatchBatchSize, scope)
      const ids = [...new Set([...reopened, ...waiting])]
      // One job per message; the key makes a second send for a message whose job is still waiting a no-op.
      for (const id of ids) await jobs.send(mailJobNames.deliver, { outboxId: id }, { singletonKey: id })
      return ids.length
    },

    async deliverOutboxMessage(id, options = {}) {
      const outcome = await attempt(id, options.finalAttempt ?? false)
      if (outcome === 'failed') {
        const message = await findOutboxMessage(db, id)
        throw new MailDeliveryError(`outbox ${id}: ${message?.lastError ?? 'delivery failed'}`)
      }
      return outcome
    },

    async deliverPending(scope = {}) {
      await reopenFailedOutboxMessages(db, scope)
      const ids = await findDeliverableOutboxMessages(db, deps.now(), scope)
      let sent = 0
      let failed = 0
      for (const id of ids) {
        const outcome = await attempt(id, false)
        if (outcome === 'sent') sent++
        if (outcome === 'failed') failed++
      }
      return { sent, failed }
    },

    listMailbox: (limit = 100) => listRecentOutboxMessages(db, limit),
    findMailboxMessage: (id) => findOutboxMessage(db, id),
  }
}

/**
 * A transaction whose changes may queue mail: once it commits, delivery is asked for at once
 * rather than waiting for the minute's sweep. Use it wherever a service calls queueMail or issueInvitation.
 */
export async function transactionWithMail<T>(
  deps: Pick<ServiceDependencies, 'db' | 'jobs'>,
  work: (tx: Transaction) => Promise<T>,
  scope: DispatchScope = {},
): Promise<T> {
  const result = await deps.db.transaction(work)
  await dispatchMailSoon(deps, scope)
  return result
}
