import { queueMail } from '../../platform/mail/mail.js'
import { transactionWithMail } from '../../platform/mail/mail.service.js'
import type { ServiceDependencies } from '../../services.js'
import { claimUnemailed, listDigestRecipients } from './notifications.repository.js'
import { digestLine, languageOf, type NotificationParams } from './notification-text.js'

/** A digest lists at most this many; the rest are on the notifications page it links to. */
const digestLimit = 50

/**
 * The daily digest: one email per person who chose it (per network), listing their notifications not yet
 * emailed. Each person is one transaction that claims the notifications by setting emailed_at and queues the
 * email, so running twice sends nothing twice, and one failure holds back no one else. Returns emails queued.
 */
export async function sendDailyDigests(deps: ServiceDependencies, now: Date, scope: { networkId?: string }): Promise<number> {
  const { config } = deps
  let queued = 0
  for (const person of await listDigestRecipients(deps.db, now, scope.networkId)) {
    const sent = await transactionWithMail(
      deps,
      async (tx) => {
        const rows = await claimUnemailed(tx, person.networkId, person.userId, now, now)
        if (rows.length === 0) return false
        const language = languageOf(person.language)
        rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        const lines = rows.slice(0, digestLimit).map((row) => {
          const link = row.referralId ? `${config.BASE_URL}/referrals/${row.referralId}` : `${config.BASE_URL}/notifications`
          return digestLine(language, row.kind, row.params as NotificationParams, row.createdAt, link)
        })
        await queueMail(tx, {
          networkId: person.networkId,
          to: person.email,
          template: 'notificationDigest',
          language,
          data: {
            name: person.name,
            count: String(rows.length),
            items: lines.join('\n'),
            link: `${config.BASE_URL}/notifications`,
            preferencesLink: `${config.BASE_URL}/notifications/preferences`,
          },
        })
        return true
      },
      { networkId: person.networkId },
    )
    if (sent) queued++
  }
  return queued
}
