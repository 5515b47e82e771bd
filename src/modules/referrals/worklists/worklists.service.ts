import { LRUCache } from 'lru-cache'
import { authorise, can } from '../../../platform/access/policy.js'
import type { WorkingContext } from '../../../platform/access/actor.js'
import { workingContext, type Caller } from '../../../platform/access/caller.js'
import { audit } from '../../../platform/audit/audit.service.js'
import { NotFoundError } from '../../../platform/errors.js'
import type { ServiceDependencies } from '../../../services.js'
import { awaitingContactStatuses, dueSoonUntil } from '../sla/contact-due.js'
import { ukDate, type Nation } from '../sla/working-days.js'
import {
  countCapFor,
  findReferralMetadata,
  listEventMetadata,
  listIntakeIssues,
  listNetworkReferrals,
  listOrganisationReferrals,
  listOrganisationsOf,
  listServicesOf,
  organisationPageFrame,
  type Choice,
  type EventMetadata,
  type IssueName,
  type PageFrame,
  type ReferralFilter,
  type ReferralMetadata,
  type TabCounts,
  type WorklistRow,
} from './worklists.repository.js'
import { orderFor, type NetworkQuery, type ReferralStatus, type WorklistQuery, type WorklistView } from './worklists.schemas.js'

export const referralsPerPage = 25

export type Side = 'incoming' | 'outgoing'

/** The dates every flag on a list is worked out from. */
export interface Today {
  today: string
  nation: Nation
}

const openStatuses: readonly ReferralStatus[] = ['sent', 'received', 'accepted', 'in_progress']
const closedStatuses: readonly ReferralStatus[] = ['completed', 'unable_to_contact', 'declined', 'withdrawn']

/** Each tab as statuses and a due-date window (overdue and due soon only count referrals still waiting for contact). */
function tabFilter(view: WorklistView, dates: { today: string; dueSoonUntil: string }): Pick<ReferralFilter, 'statuses' | 'dueBefore' | 'dueFrom' | 'dueUntil'> {
  switch (view) {
    case 'open':
      return { statuses: openStatuses }
    case 'new':
      return { statuses: ['sent', 'received'] }
    case 'overdue':
      return { statuses: awaitingContactStatuses, dueBefore: dates.today }
    case 'due-soon':
      return { statuses: awaitingContactStatuses, dueFrom: dates.today, dueUntil: dates.dueSoonUntil }
    case 'in-progress':
      return { statuses: ['accepted', 'in_progress'] }
    case 'closed':
      return { statuses: closedStatuses }
  }
}

/** An open tab's size is among the tab counts, so the list need not count it again. */
function countedIn(counts: TabCounts, view: WorklistView): number | null {
  switch (view) {
    case 'open':
      return counts.open
    case 'new':
      return counts.new
    case 'overdue':
      return counts.overdue
    case 'due-soon':
      return counts.dueSoon
    case 'in-progress':
      return counts.inProgress
    case 'closed':
      return null
  }
}

/** A status chosen in the filter narrows the tab; a status outside the tab leaves nothing to show. */
function narrowed(statuses: readonly ReferralStatus[], chosen: ReferralStatus | undefined): readonly ReferralStatus[] {
  return chosen ? statuses.filter((status) => status === chosen) : statuses
}

export interface WorklistPage extends Today {
  side: Side
  organisationName: string
  query: WorklistQuery
  rows: (WorklistRow & { clientName: string; issues: IssueName[] })[]
  total: number
  /** The count stopped here, so there may be more. */
  countCap: number
  perPage: number
  counts: TabCounts
  services: Choice[]
  issues: PageFrame['issues']
}

export interface NetworkPage extends Today {
  query: NetworkQuery
  rows: (WorklistRow & { issues: IssueName[] })[]
  total: number
  countCap: number
  perPage: number
  organisations: Choice[]
  /** Offered once an organisation is chosen: a whole network's services are too many for one list. */
  services: Choice[]
}

export interface NetworkReferralView extends Today {
  referral: ReferralMetadata
  issues: IssueName[]
  events: EventMetadata[]
}

/**
 * The outgoing list's service filter offers the services referred to in about the last three months. Finding
 * them counts a busy organisation's thousands of recent referrals, the dearest part of its page, so they are kept
 * for a minute: a service first referred to just now may join the filter up to a minute later (decision 0018).
 */
const serviceChoiceDays = 92
const serviceChoiceTtlMs = 60_000

export function createWorklistsService(deps: ServiceDependencies) {
  const { db } = deps

  const servicesReferredTo = new LRUCache<string, Choice[]>({ max: 1000, ttl: serviceChoiceTtlMs })

  /** The working context carries the network's nation, read with the actor: no query needed. */
  const todayIn = (context: WorkingContext): Today => ({ today: ukDate(deps.now()), nation: context.networkNation })

  return {
    /**
     * A page of the organisation's incoming or outgoing referrals. Shows clients' names, so each page
     * view is audited with the referral and client ids shown (decision 0009).
     */
    async list(caller: Caller, side: Side, query: WorklistQuery): Promise<WorklistPage> {
      const { actor, context } = workingContext(caller)
      const organisationId = context.organisationId
      // Only people working in an organisation have work lists; for anyone else the page does not exist.
      if (!organisationId || !can(actor, 'referral.send', { networkId: context.networkId, organisationId })) throw new NotFoundError()
      const dates = todayIn(context)
      const window = { today: dates.today, dueSoonUntil: dueSoonUntil(dates.today, dates.nation) }
      const tab = tabFilter(query.view, window)
      const scope = { networkId: context.networkId, organisationId, side }
      const shared = { serviceId: query.service, issueId: query.issue, urgency: query.urgency }
      const filter: ReferralFilter = { ...tab, ...shared, statuses: narrowed(tab.statuses, query.status) }
      const page = query.page
      const countCap = countCapFor(page, referralsPerPage)
      // The tab counts carry the same filters, so an open tab (not narrowed to one status) is counted there already.
      const countedWithTabs = !query.status && query.view !== 'closed'
      const referredTo = side === 'outgoing' ? servicesReferredTo.get(organisationId) : undefined
      const servicesSince = referredTo ? null : new Date(deps.now().getTime() - serviceChoiceDays * 86_400_000)
      const [listed, frame] = await Promise.all([
        filter.statuses.length === 0
          ? { rows: [], total: 0 }
          : listOrganisationReferrals(db, scope, filter, {
              sort: query.sort,
              order: orderFor(query.sort, query.order),
              limit: referralsPerPage,
              offset: (page - 1) * referralsPerPage,
              countCap: countedWithTabs ? null : countCap,
            }),
        organisationPageFrame(db, scope, shared, window, servicesSince),
      ])
      const { counts } = frame
      const serviceChoices = frame.services ?? referredTo ?? []
      if (side === 'outgoing' && frame.services) servicesReferredTo.set(organisationId, frame.services)
      if (listed.rows.length > 0) {
        await audit(db, {
          networkId: context.networkId,
          actorUserId: actor.userId,
          action: 'worklist.viewed',
          subjectType: 'organisation',
          subjectId: organisationId,
          details: { list: side, referralIds: listed.rows.map((row) => row.id), clientIds: [...new Set(listed.rows.map((row) => row.clientId))] },
          requestId: caller.requestId,
        })
      }
      return {
        ...dates,
        side,
        organisationName: context.organisationName ?? '',
        query,
        rows: listed.rows,
        total: countedWithTabs ? Math.min(countedIn(counts, query.view) ?? 0, countCap) : listed.total,
        countCap,
        perPage: referralsPerPage,
        counts,
        services: serviceChoices,
        issues: frame.issues,
      }
    },

    /** The coordinator's view of every referral in the network: metadata, never the client. */
    async network(caller: Caller, query: NetworkQuery): Promise<NetworkPage> {
      const { actor, context } = workingContext(caller)
      authorise(actor, 'referral.list-network', { networkId: context.networkId })
      const dates = todayIn(context)
      const filter: ReferralFilter & { organisationId?: string } = query.overdue
        ? { statuses: narrowed(awaitingContactStatuses, query.status), dueBefore: dates.today }
        : { statuses: query.status ? [query.status] : [...openStatuses, ...closedStatuses] }
      filter.organisationId = query.organisation
      filter.serviceId = query.organisation ? query.service : undefined
      const [listed, organisationChoices, serviceChoices] = await Promise.all([
        filter.statuses.length === 0
          ? { rows: [], total: 0 }
          : listNetworkReferrals(db, context.networkId, filter, {
              sort: query.sort,
              order: orderFor(query.sort, query.order),
              limit: referralsPerPage,
              offset: (query.page - 1) * referralsPerPage,
              countCap: countCapFor(query.page, referralsPerPage),
            }),
        listOrganisationsOf(db, context.networkId),
        query.organisation ? listServicesOf(db, context.networkId, query.organisation) : [],
      ])
      return {
        ...dates,
        query,
        rows: listed.rows,
        total: listed.total,
        countCap: countCapFor(query.page, referralsPerPage),
        perPage: referralsPerPage,
        organisations: organisationChoices,
        services: serviceChoices,
      }
    },

    /** One referral's metadata and status history for the coordinator: no client, no notes, no messages. */
    async networkReferral(caller: Caller, referralId: string): Promise<NetworkReferralView> {
      const { actor, context } = workingContext(caller)
      authorise(actor, 'referral.list-network', { networkId: context.networkId })
      const referral = await findReferralMetadata(db, context.networkId, referralId)
      if (!referral) throw new NotFoundError()
      const [issues, events] = await Promise.all([
        listIntakeIssues(db, context.networkId, [referral.intakeId]),
        listEventMetadata(db, context.networkId, referral.id),
      ])
      return { ...todayIn(context), referral, issues, events }
    },
  }
}

export type WorklistsService = ReturnType<typeof createWorklistsService>
