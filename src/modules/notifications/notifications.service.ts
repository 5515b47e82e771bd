import type { Executor, Transaction } from '../../db/client.js'
import { workingContext, type Caller } from '../../platform/access/caller.js'
import { NotFoundError } from '../../platform/errors.js'
import { translator } from '../../platform/i18n/i18n.js'
import { queueMail, queueMails, type MailMessage } from '../../platform/mail/mail.js'
import type { ServiceDependencies } from '../../services.js'
import {
  countUnread,
  findEmailFrequency,
  findReferralForNotice,
  insertNotification,
  insertNotifications,
  listNotifications,
  listOrganisationRecipients,
  markAllRead,
  markRead,
  saveEmailFrequency,
  type EmailFrequency,
  type NotificationRow,
  type Recipient,
} from './notifications.repository.js'
import { languageOf, notificationText, notifiedEventTypes, type NotificationParams } from './notification-text.js'
import { sendDailyDigests } from './digest.service.js'

/** A change to a referral that the other side should hear about. Ids only: no client data. */
export interface ReferralEventNotice {
  networkId: string
  referralId: string
  reference: string
  /** The referral event type: 'sent', 'received', 'accepted', 'contacted', 'completed', 'unable_to_contact', 'declined', 'withdrawn', 'rerouted', 'message'. */
  type: string
  actorUserId: string | null
  actorOrganisationId: string | null
  fromOrganisationId: string
  toOrganisationId: string
  /** What the notice says of the referral, when the caller has it at hand (sending does): saves reading it back. */
  known?: { fromUserId: string | null; serviceName: string }
}

type Side = 'sending' | 'receiving'

/** Whom an event concerns: the side the actor is not on. The type decides when the actor's organisation can't (same organisation at both ends, or none). */
function sideToTell(notice: ReferralEventNotice): Side {
  const { actorOrganisationId: actor, fromOrganisationId: from, toOrganisationId: to } = notice
  if (actor && from !== to) {
    if (actor === from) return 'receiving'
    if (actor === to) return 'sending'
  }
  return notice.type === 'sent' || notice.type === 'withdrawn' ? 'receiving' : 'sending'
}

export const referralLink = (baseUrl: string, referralId: string): string => `${baseUrl}/referrals/${referralId}`

/** Records an in-app notification for one person and, if they want email at once, queues it in the same transaction. */
export async function deliverNotification(
  deps: Pick<ServiceDependencies, 'config' | 'now'>,
  tx: Executor,
  recipient: Recipient,
  notification: { networkId: string; organisationId: string | null; referralId: string | null; kind: string; params: NotificationParams },
  email: { template: 'referralUpdate' | 'overdueReferrals'; data: Record<string, string>; alsoForDaily?: boolean } | null,
): Promise<NotificationRow> {
  const now = deps.now()
  // A summary that is itself daily goes to those who chose the digest too; only 'off' means no email.
  const emailNow = email !== null && (recipient.frequency === 'immediately' || (recipient.frequency === 'daily' && email.alsoForDaily === true))
  const row = await insertNotification(tx, { ...notification, userId: recipient.userId, createdAt: now, emailedAt: emailNow ? now : null })
  if (emailNow) {
    await queueMail(tx, { networkId: notification.networkId, to: recipient.email, template: email.template, language: languageOf(recipient.language), data: email.data })
  }
  return row
}

/**
 * Called by the referrals module inside the transaction that records the event: notifies the people of the
 * organisation at the other end in-app, and by email through the outbox as each one prefers. The referrals
 * module should open that transaction with transactionWithMail so the email leaves at once.
 */
export async function notifyReferralEvent(deps: Pick<ServiceDependencies, 'config' | 'now'>, tx: Transaction, notice: ReferralEventNotice): Promise<void> {
  if (notice.type === 'received') return
  if (!(notifiedEventTypes as readonly string[]).includes(notice.type)) throw new Error(`no notification for referral event type '${notice.type}'`)
  const referral = notice.known ?? (await findReferralForNotice(tx, notice.networkId, notice.referralId))
  if (!referral) throw new NotFoundError()
  const side = sideToTell(notice)
  const organisationId = side === 'receiving' ? notice.toOrganisationId : notice.fromOrganisationId
  const people =
    side === 'receiving'
      ? await listOrganisationRecipients(tx, notice.networkId, organisationId, ['receiver', 'organisation_admin'])
      : [
          ...(referral.fromUserId
            ? await listOrganisationRecipients(tx, notice.networkId, organisationId, ['referrer', 'receiver', 'organisation_admin'], referral.fromUserId)
            : []),
          ...(await listOrganisationRecipients(tx, notice.networkId, organisationId, ['organisation_admin'])),
        ]
  const seen = new Set<string>(notice.actorUserId ? [notice.actorUserId] : [])
  const params: NotificationParams = { reference: notice.reference, serviceName: referral.serviceName }
  const link = referralLink(deps.config.BASE_URL, notice.referralId)
  const now = deps.now()
  const told = people.filter((person) => !seen.has(person.userId) && seen.add(person.userId))
  // A whole organisation may be told: one statement for the notifications and one for the emails.
  const emailNow = (person: Recipient): boolean => person.frequency === 'immediately'
  await insertNotifications(
    tx,
    told.map((person) => ({
      networkId: notice.networkId,
      organisationId,
      referralId: notice.referralId,
      kind: notice.type,
      params,
      userId: person.userId,
      createdAt: now,
      emailedAt: emailNow(person) ? now : null,
    })),
  )
  // The same words for everyone who reads a language: worked out once per language, not per person.
  const summaries = new Map<string, string>()
  const summaryIn = (language: ReturnType<typeof languageOf>): string => {
    let summary = summaries.get(language)
    if (summary === undefined) summaries.set(language, (summary = notificationText(translator(language), notice.type, params)))
    return summary
  }
  await queueMails(
    tx,
    told.filter(emailNow).map((person): MailMessage => {
      const language = languageOf(person.language)
      const summary = summaryIn(language)
      return {
        networkId: notice.networkId,
        to: person.email,
        template: 'referralUpdate',
        language,
        data: { name: person.name, summary, link, preferencesLink: `${deps.config.BASE_URL}/notifications/preferences` },
      }
    }),
  )
}

/**
 * In-app only: tells everyone in these organisations something that concerns no one referral (a new request at the
 * front door). Params are ids and references, never personal data; `params.path` is where opening it leads.
 */
export async function notifyOrganisations(
  deps: Pick<ServiceDependencies, 'now'>,
  tx: Executor,
  notice: { networkId: string; organisationIds: string[]; kind: string; params: NotificationParams },
): Promise<void> {
  const now = deps.now()
  const rows = []
  for (const organisationId of notice.organisationIds) {
    const people = await listOrganisationRecipients(tx, notice.networkId, organisationId, ['referrer', 'receiver', 'organisation_admin'])
    for (const person of people) {
      rows.push({ networkId: notice.networkId, organisationId, referralId: null, kind: notice.kind, params: notice.params, userId: person.userId, createdAt: now, emailedAt: null })
    }
  }
  await insertNotifications(tx, rows)
}

/** For the header's badge: this user's unread notifications in the network they are working in. */
export async function unreadCount(db: Executor, userId: string, networkId: string): Promise<number> {
  return countUnread(db, networkId, userId)
}

/** For the referral page: opening a referral reads its notifications. */
export async function markReferralNotificationsRead(db: Executor, userId: string, networkId: string, referralId: string, at: Date): Promise<void> {
  await markAllRead(db, networkId, userId, at, referralId)
}

export const notificationsPerPage = 20

export function createNotificationsService(deps: ServiceDependencies) {
  const { db } = deps
  return {
    async list(caller: Caller, page: number) {
      const { actor, context } = workingContext(caller)
      const { rows, total } = await listNotifications(db, context.networkId, actor.userId, notificationsPerPage, (page - 1) * notificationsPerPage)
      const unread = await countUnread(db, context.networkId, actor.userId)
      return { rows, total, unread, page, perPage: notificationsPerPage }
    },

    /** Marks it read and says where it leads: its referral, or the list an overdue summary is about. */
    async open(caller: Caller, notificationId: string): Promise<string> {
      const { actor, context } = workingContext(caller)
      const row = await markRead(db, context.networkId, actor.userId, notificationId, deps.now())
      if (!row) throw new NotFoundError()
      if (row.referralId) return `/referrals/${row.referralId}`
      const path = (row.params as NotificationParams).path
      return path?.startsWith('/') && !path.startsWith('//') ? path : '/notifications'
    },

    async markAllRead(caller: Caller): Promise<void> {
      const { actor, context } = workingContext(caller)
      await markAllRead(db, context.networkId, actor.userId, deps.now())
    },

    async emailFrequency(caller: Caller): Promise<EmailFrequency> {
      const { actor } = workingContext(caller)
      return findEmailFrequency(db, actor.userId)
    },

    async saveEmailFrequency(caller: Caller, frequency: EmailFrequency): Promise<void> {
      const { actor } = workingContext(caller)
      await saveEmailFrequency(db, actor.userId, frequency, deps.now())
    },

    /** The daily digest job. Pass a network to do only its digests (tests share one database). */
    sendDailyDigests: (now: Date = deps.now(), scope: { networkId?: string } = {}) => sendDailyDigests(deps, now, scope),
  }
}

export type NotificationsService = ReturnType<typeof createNotificationsService>
