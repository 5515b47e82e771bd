import type { Executor } from '../../db/client.js'
import { translator } from '../../platform/i18n/i18n.js'
import type { ServiceDependencies } from '../../services.js'
import { hasNotificationOn, listCoordinatorRecipients, listOrganisationRecipients, lockKey, type Recipient } from './notifications.repository.js'
import { deliverNotification, referralLink } from './notifications.service.js'
import { formatDay, languageOf, overdueKind, overdueLine, type OverdueItem } from './notification-text.js'

export type { OverdueItem }

export interface OverdueSummary {
  networkId: string
  /** The UK date the summary is for: each person gets one summary per organisation per day. */
  on: string
  /** Overdue referrals, grouped by the receiving organisation. */
  byOrganisation: { organisationId: string; organisationName: string; items: OverdueItem[] }[]
}

/**
 * Tells each receiving organisation (its receivers and admins) about its overdue referrals, and the network's
 * coordinators about all of them: in-app, and by email unless the person turned email off. References,
 * services, dates and counts only. Run twice on one day, it tells no one twice. Returns notifications made.
 */
export async function notifyOverdueReferrals(deps: Pick<ServiceDependencies, 'config' | 'now'>, tx: Executor, summary: OverdueSummary): Promise<number> {
  const { networkId, on } = summary
  const base = deps.config.BASE_URL
  // Two runs of the same day wait for each other here, so the second sees what the first recorded.
  await lockKey(tx, `overdue-summary:${networkId}:${on}`)
  let made = 0
  const tell = async (people: Recipient[], organisationId: string | null, organisationName: string, items: OverdueItem[], path: string): Promise<void> => {
    for (const person of people) {
      if (await hasNotificationOn(tx, networkId, person.userId, overdueKind, organisationId, on)) continue
      const language = languageOf(person.language)
      const t = translator(language)
      const intro = organisationId
        ? t('notifications:overdue.introOrganisation', { organisationName, date: formatDay(on, language) })
        : t('notifications:overdue.introNetwork', { date: formatDay(on, language) })
      await deliverNotification(
        deps,
        tx,
        person,
        { networkId, organisationId, referralId: null, kind: overdueKind, params: { on, count: items.length, organisationName, path } },
        {
          template: 'overdueReferrals',
          data: {
            name: person.name,
            count: String(items.length),
            intro,
            items: items.map((item) => overdueLine(language, item, referralLink(base, item.referralId), organisationId === null)).join('\n'),
            link: `${base}${path}`,
          },
          alsoForDaily: true,
        },
      )
      made++
    }
  }
  for (const group of summary.byOrganisation) {
    if (group.items.length === 0) continue
    const people = await listOrganisationRecipients(tx, networkId, group.organisationId, ['receiver', 'organisation_admin'])
    await tell(people, group.organisationId, group.organisationName, group.items, '/referrals/incoming')
  }
  const all = summary.byOrganisation.flatMap((group) => group.items)
  if (all.length > 0) await tell(await listCoordinatorRecipients(tx, networkId), null, '', all, '/network/referrals')
  return made
}
