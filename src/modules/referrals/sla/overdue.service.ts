import { transactionWithMail } from '../../../platform/mail/mail.service.js'
import type { ServiceDependencies } from '../../../services.js'
import { notifyOverdueReferrals, type OverdueSummary } from '../../notifications/overdue-summary.service.js'
import { workingDaysOverdue } from './contact-due.js'
import { listOverdueReferrals } from './overdue.repository.js'
import { isWorkingDay, ukDate } from './working-days.js'

/**
 * The daily overdue job: for each network, tells each receiving organisation and the coordinators which
 * referrals are past their contact due date. Skips a network's weekends and bank holidays (nobody is at work
 * to act, and the count of working days overdue has not moved). Each network is one transaction; a second
 * run on the same day tells no one again. Returns the number of notifications made.
 */
export function createOverdueService(deps: ServiceDependencies) {
  return {
    async sendOverdueSummaries(now: Date = deps.now(), scope: { networkId?: string } = {}): Promise<number> {
      const today = ukDate(now)
      const rows = await listOverdueReferrals(deps.db, today, scope.networkId)
      const summaries = new Map<string, OverdueSummary>()
      for (const row of rows) {
        if (!isWorkingDay(today, row.nation)) continue
        let summary = summaries.get(row.networkId)
        if (!summary) summaries.set(row.networkId, (summary = { networkId: row.networkId, on: today, byOrganisation: [] }))
        let group = summary.byOrganisation.at(-1)
        if (group?.organisationId !== row.organisationId) {
          group = { organisationId: row.organisationId, organisationName: row.organisationName, items: [] }
          summary.byOrganisation.push(group)
        }
        group.items.push({ ...row, workingDaysOverdue: workingDaysOverdue(row.contactDueOn, today, row.nation) })
      }
      let made = 0
      for (const summary of summaries.values()) {
        made += await transactionWithMail(deps, (tx) => notifyOverdueReferrals(deps, tx, summary), { networkId: summary.networkId })
      }
      return made
    },
  }
}

export type OverdueService = ReturnType<typeof createOverdueService>
