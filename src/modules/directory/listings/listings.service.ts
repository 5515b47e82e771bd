import type { Executor } from '../../../db/client.js'
import { centroidOf } from '../postcodes/postcodes.service.js'
import { authorise, can, type Action } from '../../../platform/access/policy.js'
import { audit } from '../../../platform/audit/audit.service.js'
import { DomainError, NotFoundError } from '../../../platform/errors.js'
import { isLanguage } from '../../../platform/i18n/i18n.js'
import { queueMail } from '../../../platform/mail/mail.js'
import { transactionWithMail } from '../../../platform/mail/mail.service.js'
import type { ServiceDependencies } from '../../../services.js'
import { workingContext, type Caller } from '../../../platform/access/caller.js'
import { createTaxonomyService, offeredTerms } from '../taxonomy/taxonomy.service.js'
import type { TermRow } from '../taxonomy/taxonomy.repository.js'
import { isStale, monthsBefore, reminderCutoff, staleAfterMonths } from './freshness.js'
import {
  findOrganisationInNetwork,
  findService,
  listCapacities,
  listCostOptions,
  listOrganisationAdmins,
  listOrganisationChoices,
  listServiceContacts,
  listServiceLocations,
  listServices,
  listServiceSchedules,
  listServicesDueReminder,
  listServiceTerms,
  markReminderSent,
  markServiceReviewed,
  markServiceVerified,
  insertService,
  replaceServiceTerms,
  replaceWeeklyOpeningTimes,
  savePrimaryContact,
  savePrimaryLocation,
  updateCapacity,
  updateService,
  type CapacityRow,
  type ContactRow,
  type CostOptionRow,
  type ScheduleRow,
  type ServiceCore,
  type ServiceListRow,
  type ServiceLocationRow,
  type ServiceTermRow,
  type ServiceValues,
} from './listings.repository.js'
import { longDate, ukDate } from '../../../platform/i18n/date-format.js'
import { bumpDirectoryVersion } from '../search/directory-version.repository.js'
import type { CapacityInput, ServiceFilters, ServiceFormInput } from './listings.schemas.js'

export const servicesPerPage = 50

/** Everything a listing page shows about one service. */
export interface ServiceDetail {
  service: ServiceCore
  terms: ServiceTermRow[]
  locations: ServiceLocationRow[]
  schedules: ScheduleRow[]
  contacts: ContactRow[]
  phones: { id: string; number: string; extension: string | null; description: string | null }[]
  costOptions: CostOptionRow[]
  capacities: CapacityRow[]
  /** Working days to contact a client: the service's own, or the network's default. */
  contactSlaDays: number
  usesNetworkSla: boolean
  stale: boolean
}

/** The full listing of one service of the network, or null. For other parts of the directory (no access check). */
export async function loadServiceDetail(db: Executor, networkId: string, serviceId: string, now: Date): Promise<ServiceDetail | null> {
  const service = await findService(db, networkId, serviceId)
  if (!service) return null
  const [terms, locations, schedules, people, costOptions, capacities] = await Promise.all([
    listServiceTerms(db, networkId, serviceId),
    listServiceLocations(db, networkId, serviceId),
    listServiceSchedules(db, networkId, serviceId),
    listServiceContacts(db, networkId, serviceId),
    listCostOptions(db, networkId, serviceId),
    listCapacities(db, networkId, serviceId),
  ])
  return {
    service,
    terms,
    locations,
    schedules,
    contacts: people.contacts,
    phones: people.phones,
    costOptions,
    capacities,
    contactSlaDays: service.contactSlaDays ?? service.networkContactSlaDays,
    usesNetworkSla: service.contactSlaDays === null,
    stale: isStale(service.lastReviewedAt, now),
  }
}

export interface ServicesListView {
  /** 'network': the coordinator's view of every service, with filters; 'organisation': the caller's own. */
  scope: 'network' | 'organisation'
  rows: ServiceListRow[]
  total: number
  page: number
  perPage: number
  canCreate: boolean
  /** Services the caller may edit, pause and mark reviewed. */
  editable: Set<string>
  organisations: { id: string; name: string }[]
  filters: ServiceFilters
}

export interface ServiceDisplay extends ServiceDetail {
  canEdit: boolean
  canVerify: boolean
}

export interface FormOptions {
  terms: TermRow[]
  /** Coordinators choose whose service a new one is; null for an organisation admin. */
  organisations: { id: string; name: string }[] | null
}

const today = ukDate

export function createListingsService(deps: ServiceDependencies) {
  const { db, config } = deps

  /** Loads a service of the caller's network and checks the action; another network's id is not found. */
  async function serviceFor(executor: Executor, caller: Caller, serviceId: string, action: Action): Promise<ServiceCore> {
    const { actor, context } = workingContext(caller)
    const service = await findService(executor, context.networkId, serviceId)
    if (!service) throw new NotFoundError()
    authorise(actor, action, { networkId: service.networkId, organisationId: service.organisationId })
    return service
  }

  /** Whose a new service is: the admin's own organisation, or the one a coordinator chose. */
  async function owningOrganisation(executor: Executor, caller: Caller, chosen: string | null): Promise<string> {
    const { actor, context } = workingContext(caller)
    const coordinator = can(actor, 'service.verify', { networkId: context.networkId })
    const organisationId = coordinator && chosen ? chosen : context.organisationId
    if (!organisationId) {
      authorise(actor, 'service.create', { networkId: context.networkId })
      throw new DomainError('directory:errors.organisationRequired', 400, 'organisationId')
    }
    if (!(await findOrganisationInNetwork(executor, context.networkId, organisationId))) {
      throw new DomainError('directory:errors.organisationRequired', 400, 'organisationId')
    }
    authorise(actor, 'service.create', { networkId: context.networkId, organisationId })
    return organisationId
  }

  /** The service's fields, with the area centre placed at the location's postcode when we know where it is. */
  async function valuesFor(executor: Executor, input: ServiceFormInput): Promise<{ values: ServiceValues; centre: { latitude: number; longitude: number } | null }> {
    const centre = input.location ? await centroidOf(executor, input.location.postcode) : null
    return {
      centre,
      values: {
        ...input.service,
        areaCentrePostcode: input.location?.postcode ?? null,
        areaCentreLatitude: centre?.latitude ?? null,
        areaCentreLongitude: centre?.longitude ?? null,
      },
    }
  }

  async function assertOfferedTerms(executor: Executor, networkId: string, termIds: string[]): Promise<void> {
    const offered = new Set((await offeredTerms(executor, networkId)).map((term) => term.id))
    if (termIds.some((id) => !offered.has(id))) throw new DomainError('directory:errors.issuesRequired', 400, 'issues')
  }

  /** Everything but the service row itself: issues, location, opening times, contact. */
  async function saveParts(executor: Executor, owner: { networkId: string; organisationId: string; serviceId: string }, input: ServiceFormInput, centre: { latitude: number; longitude: number } | null, now: Date) {
    await replaceServiceTerms(executor, owner.networkId, owner.serviceId, input.termIds)
    await savePrimaryLocation(
      executor,
      owner,
      input.location ? { ...input.location, latitude: centre?.latitude ?? null, longitude: centre?.longitude ?? null } : null,
      now,
    )
    await replaceWeeklyOpeningTimes(executor, owner.networkId, owner.serviceId, input.openingTimes)
    await savePrimaryContact(executor, owner.networkId, owner.serviceId, input.contact)
  }

  return {
    taxonomy: createTaxonomyService(deps),

    async list(caller: Caller, filters: ServiceFilters): Promise<ServicesListView> {
      const { actor, context } = workingContext(caller)
      const networkId = context.networkId
      authorise(actor, 'service.view', { networkId })
      const coordinator = can(actor, 'service.verify', { networkId })
      const scope = coordinator ? 'network' : 'organisation'
      if (scope === 'organisation' && !context.organisationId) throw new NotFoundError()
      const now = deps.now()
      const { rows, total } = await listServices(db, networkId, {
        organisationId: scope === 'network' ? filters.organisation : (context.organisationId ?? undefined),
        capacity: scope === 'network' ? filters.capacity : undefined,
        reviewedBefore: scope === 'network' && filters.stale ? monthsBefore(now, staleAfterMonths) : undefined,
        unverified: scope === 'network' && filters.unverified === 'yes',
        limit: servicesPerPage,
        offset: (filters.page - 1) * servicesPerPage,
      })
      const editable = new Set(rows.filter((row) => can(actor, 'service.edit', { networkId, organisationId: row.organisationId })).map((row) => row.id))
      return {
        scope,
        rows,
        total,
        page: filters.page,
        perPage: servicesPerPage,
        canCreate: coordinator || can(actor, 'service.create', { networkId, organisationId: context.organisationId }),
        editable,
        organisations: scope === 'network' ? await listOrganisationChoices(db, networkId) : [],
        filters,
      }
    },

    /** The full listing, readable by every member of the network. */
    async getServiceForDisplay(caller: Caller, serviceId: string): Promise<ServiceDisplay> {
      const service = await serviceFor(db, caller, serviceId, 'service.view')
      const { actor } = workingContext(caller)
      const detail = await loadServiceDetail(db, service.networkId, service.id, deps.now())
      if (!detail) throw new NotFoundError()
      const target = { networkId: service.networkId, organisationId: service.organisationId }
      return { ...detail, canEdit: can(actor, 'service.edit', target), canVerify: can(actor, 'service.verify', target) }
    },

    /** What the form offers: current issues (never retired ones) and, for the coordinator, the organisations. */
    async formOptions(caller: Caller): Promise<FormOptions> {
      const { actor, context } = workingContext(caller)
      const coordinator = can(actor, 'service.verify', { networkId: context.networkId })
      return {
        terms: await offeredTerms(db, context.networkId),
        organisations: coordinator ? await listOrganisationChoices(db, context.networkId) : null,
      }
    },

    /** Checks the caller may add a service before showing the form. */
    assertCanCreate(caller: Caller): void {
      const { actor, context } = workingContext(caller)
      const networkId = context.networkId
      if (can(actor, 'service.verify', { networkId })) return
      authorise(actor, 'service.create', { networkId, organisationId: context.organisationId })
    },

    async forEdit(caller: Caller, serviceId: string): Promise<ServiceDetail> {
      const service = await serviceFor(db, caller, serviceId, 'service.edit')
      const detail = await loadServiceDetail(db, service.networkId, service.id, deps.now())
      if (!detail) throw new NotFoundError()
      return detail
    },

    /** One transaction: the service and all its parts, or nothing. */
    async create(caller: Caller, input: ServiceFormInput): Promise<string> {
      const { actor, context } = workingContext(caller)
      return db.transaction(async (tx) => {
        const organisationId = await owningOrganisation(tx, caller, input.organisationId)
        await assertOfferedTerms(tx, context.networkId, input.termIds)
        const now = deps.now()
        const { values, centre } = await valuesFor(tx, input)
        const serviceId = await insertService(tx, { ...values, networkId: context.networkId, organisationId, now })
        await saveParts(tx, { networkId: context.networkId, organisationId, serviceId }, input, centre, now)
        await bumpDirectoryVersion(tx, context.networkId)
        await audit(tx, {
          networkId: context.networkId,
          actorUserId: actor.userId,
          action: 'service.created',
          subjectType: 'service',
          subjectId: serviceId,
          details: { organisationId, termIds: input.termIds },
          requestId: caller.requestId,
        })
        return serviceId
      })
    },

    async update(caller: Caller, serviceId: string, input: ServiceFormInput): Promise<void> {
      const { actor } = workingContext(caller)
      await db.transaction(async (tx) => {
        const service = await serviceFor(tx, caller, serviceId, 'service.edit')
        await assertOfferedTerms(tx, service.networkId, input.termIds)
        const now = deps.now()
        const { values, centre } = await valuesFor(tx, input)
        await updateService(tx, service.networkId, service.id, values, now)
        await saveParts(tx, { networkId: service.networkId, organisationId: service.organisationId, serviceId }, input, centre, now)
        await bumpDirectoryVersion(tx, service.networkId)
        await audit(tx, {
          networkId: service.networkId,
          actorUserId: actor.userId,
          action: 'service.updated',
          subjectType: 'service',
          subjectId: service.id,
          details: { organisationId: service.organisationId, termIds: input.termIds },
          requestId: caller.requestId,
        })
      })
    },

    async editableService(caller: Caller, serviceId: string): Promise<ServiceCore> {
      return serviceFor(db, caller, serviceId, 'service.edit')
    },

    async changeCapacity(caller: Caller, serviceId: string, input: CapacityInput): Promise<void> {
      const { actor } = workingContext(caller)
      const now = deps.now()
      if (input.expectedReopening && input.expectedReopening < today(now)) {
        throw new DomainError('directory:errors.reopeningPast', 400, 'reopeningDay')
      }
      await db.transaction(async (tx) => {
        const service = await serviceFor(tx, caller, serviceId, 'service.edit')
        await updateCapacity(tx, service.networkId, service.id, input, now)
        await bumpDirectoryVersion(tx, service.networkId)
        await audit(tx, {
          networkId: service.networkId,
          actorUserId: actor.userId,
          action: 'service.capacity_changed',
          subjectType: 'service',
          subjectId: service.id,
          details: { from: service.capacityStatus, to: input.capacityStatus, waitingList: input.waitingList },
          requestId: caller.requestId,
        })
      })
    },

    /** The admin confirms the listing is still right: resets the freshness clock. */
    async markReviewed(caller: Caller, serviceId: string): Promise<void> {
      const { actor } = workingContext(caller)
      await db.transaction(async (tx) => {
        const service = await serviceFor(tx, caller, serviceId, 'service.edit')
        await markServiceReviewed(tx, service.networkId, service.id, deps.now())
        await bumpDirectoryVersion(tx, service.networkId)
        await audit(tx, {
          networkId: service.networkId,
          actorUserId: actor.userId,
          action: 'service.reviewed',
          subjectType: 'service',
          subjectId: service.id,
          requestId: caller.requestId,
        })
      })
    },

    /** The coordinator has checked the listing. */
    async verify(caller: Caller, serviceId: string): Promise<void> {
      const { actor } = workingContext(caller)
      await db.transaction(async (tx) => {
        const service = await serviceFor(tx, caller, serviceId, 'service.verify')
        await markServiceVerified(tx, service.networkId, service.id, actor.userId, deps.now())
        await bumpDirectoryVersion(tx, service.networkId)
        await audit(tx, {
          networkId: service.networkId,
          actorUserId: actor.userId,
          action: 'service.verified',
          subjectType: 'service',
          subjectId: service.id,
          requestId: caller.requestId,
        })
      })
    },

    /**
     * The daily freshness job: emails each organisation admin once about every listing not reviewed for 6
     * months. Each listing is its own transaction, so one failure does not hold back the rest. Returns how
     * many listings were handled. Pass a network to do only its listings (tests share one database).
     */
    async sendReviewReminders(now: Date = deps.now(), scope: { networkId?: string } = {}): Promise<number> {
      const cutoff = reminderCutoff(now)
      let handled = 0
      for (;;) {
        const due = await listServicesDueReminder(db, cutoff, 100, scope.networkId)
        if (due.length === 0) return handled
        for (const service of due) {
          await transactionWithMail(
            deps,
            async (tx) => {
              const admins = await listOrganisationAdmins(tx, service.networkId, service.organisationId)
              for (const admin of admins) {
                const language = isLanguage(admin.language) ? admin.language : 'en'
                await queueMail(tx, {
                  networkId: service.networkId,
                  to: admin.email,
                  template: 'listingReview',
                  language,
                  data: {
                    name: admin.name,
                    serviceName: service.name,
                    organisationName: service.organisationName,
                    networkName: service.networkName,
                    lastReviewed: longDate(service.lastReviewedAt, language),
                    link: `${config.BASE_URL}/services/${service.id}`,
                  },
                })
              }
              // Marked even without admins to tell, so the listing is not picked up again every day.
              await markReminderSent(tx, service.networkId, service.id, now)
            },
            { networkId: service.networkId },
          )
          handled++
        }
      }
    },
  }
}

export type ListingsService = ReturnType<typeof createListingsService>
