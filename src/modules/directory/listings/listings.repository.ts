import { and, asc, count, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import {
  accessibility,
  addresses,
  contacts,
  costOptions,
  locations,
  memberships,
  networks,
  organisations,
  phones,
  schedules,
  serviceAtLocations,
  serviceCapacity,
  serviceCapacityPeriods,
  serviceTaxonomy,
  services,
  taxonomyTerms,
  users,
} from '../../../db/schema/index.js'

/*
 * All SQL of directory listings. Every query names the network in its WHERE, so an id from another
 * network finds nothing.
 */

export type ServiceRow = typeof services.$inferSelect
export type ServiceValues = Pick<
  typeof services.$inferInsert,
  | 'name'
  | 'description'
  | 'url'
  | 'email'
  | 'fees'
  | 'minimumAge'
  | 'maximumAge'
  | 'householdTypes'
  | 'acceptsNrpf'
  | 'areaDistricts'
  | 'areaRadiusKm'
  | 'areaCentrePostcode'
  | 'areaCentreLatitude'
  | 'areaCentreLongitude'
  | 'referralCriteria'
  | 'howServiceContactsClients'
  | 'contactSlaDays'
  | 'deliveryChannels'
  | 'languages'
  | 'interpreting'
>

export interface ServiceListRow {
  id: string
  name: string
  organisationId: string
  organisationName: string
  capacityStatus: ServiceRow['capacityStatus']
  expectedReopening: string | null
  lastReviewedAt: Date
  verifiedAt: Date | null
}

export interface ServiceListQuery {
  organisationId?: string
  capacity?: ServiceRow['capacityStatus']
  /** Only listings last reviewed before this moment. */
  reviewedBefore?: Date
  unverified?: boolean
  limit: number
  offset: number
}

export async function listServices(
  db: Executor,
  networkId: string,
  query: ServiceListQuery,
): Promise<{ rows: ServiceListRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [
    eq(services.networkId, networkId),
    query.organisationId ? eq(services.organisationId, query.organisationId) : undefined,
    query.capacity ? eq(services.capacityStatus, query.capacity) : undefined,
    query.reviewedBefore ? lt(services.lastReviewedAt, query.reviewedBefore) : undefined,
    query.unverified ? isNull(services.verifiedAt) : undefined,
  ]
  const where = and(...conditions)
  const rows = await db
    .select({
      id: services.id,
      name: services.name,
      organisationId: services.organisationId,
      organisationName: organisations.name,
      capacityStatus: services.capacityStatus,
      expectedReopening: services.expectedReopening,
      lastReviewedAt: services.lastReviewedAt,
      verifiedAt: services.verifiedAt,
    })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(where)
    .orderBy(asc(services.name), asc(services.id))
    .limit(query.limit)
    .offset(query.offset)
  const [total] = await db.select({ value: count() }).from(services).where(where)
  return { rows, total: total.value }
}

export async function listOrganisationChoices(db: Executor, networkId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.networkId, networkId))
    .orderBy(asc(organisations.name))
}

export async function findOrganisationInNetwork(db: Executor, networkId: string, organisationId: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.networkId, networkId), eq(organisations.id, organisationId)))
  return row ?? null
}

export interface ServiceCore extends ServiceRow {
  organisationName: string
  networkContactSlaDays: number
  verifiedByName: string | null
}

export async function findService(db: Executor, networkId: string, serviceId: string): Promise<ServiceCore | null> {
  const [row] = await db
    .select({
      service: services,
      organisationName: organisations.name,
      networkContactSlaDays: networks.contactSlaDays,
      verifiedByName: users.name,
    })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(networks, eq(networks.id, services.networkId))
    .leftJoin(users, eq(users.id, services.verifiedBy))
    .where(and(eq(services.networkId, networkId), eq(services.id, serviceId)))
  if (!row) return null
  return { ...row.service, organisationName: row.organisationName, networkContactSlaDays: row.networkContactSlaDays, verifiedByName: row.verifiedByName }
}

export interface ServiceTermRow {
  id: string
  code: string
  name: string
  nameCy: string
  retiredAt: Date | null
}

export async function listServiceTerms(db: Executor, networkId: string, serviceId: string): Promise<ServiceTermRow[]> {
  return db
    .select({ id: taxonomyTerms.id, code: taxonomyTerms.code, name: taxonomyTerms.name, nameCy: taxonomyTerms.nameCy, retiredAt: taxonomyTerms.retiredAt })
    .from(serviceTaxonomy)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTaxonomy.termId))
    .where(and(eq(serviceTaxonomy.networkId, networkId), eq(serviceTaxonomy.serviceId, serviceId)))
    .orderBy(asc(taxonomyTerms.createdAt), asc(taxonomyTerms.name))
}

export interface ServiceLocationRow {
  serviceAtLocationId: string
  locationId: string
  name: string | null
  description: string | null
  latitude: number | null
  longitude: number | null
  address: { address1: string; address2: string | null; city: string; postalCode: string } | null
  accessibility: string[]
}

export async function listServiceLocations(db: Executor, networkId: string, serviceId: string): Promise<ServiceLocationRow[]> {
  const rows = await db
    .select({
      serviceAtLocationId: serviceAtLocations.id,
      locationId: locations.id,
      name: locations.name,
      description: locations.description,
      latitude: locations.latitude,
      longitude: locations.longitude,
      address1: addresses.address1,
      address2: addresses.address2,
      city: addresses.city,
      postalCode: addresses.postalCode,
    })
    .from(serviceAtLocations)
    .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
    .leftJoin(addresses, eq(addresses.locationId, locations.id))
    .where(and(eq(serviceAtLocations.networkId, networkId), eq(serviceAtLocations.serviceId, serviceId)))
    .orderBy(asc(serviceAtLocations.id))
  const locationIds = [...new Set(rows.map((row) => row.locationId))]
  const access = locationIds.length
    ? await db
        .select({ locationId: accessibility.locationId, description: accessibility.description, details: accessibility.details })
        .from(accessibility)
        .where(and(eq(accessibility.networkId, networkId), inArray(accessibility.locationId, locationIds)))
    : []
  // One row per location (an ORUK location may have several addresses: the first is shown).
  const seen = new Set<string>()
  return rows
    .filter((row) => !seen.has(row.serviceAtLocationId) && seen.add(row.serviceAtLocationId))
    .map((row) => ({
      serviceAtLocationId: row.serviceAtLocationId,
      locationId: row.locationId,
      name: row.name,
      description: row.description,
      latitude: row.latitude,
      longitude: row.longitude,
      address: row.address1 !== null && row.city !== null && row.postalCode !== null
        ? { address1: row.address1, address2: row.address2, city: row.city, postalCode: row.postalCode }
        : null,
      accessibility: access
        .filter((item) => item.locationId === row.locationId)
        .map((item) => [item.description, item.details].filter(Boolean).join(' — '))
        .filter(Boolean),
    }))
}

export type ScheduleRow = typeof schedules.$inferSelect

/** The service's own schedules and those of its service-at-locations. */
export async function listServiceSchedules(db: Executor, networkId: string, serviceId: string): Promise<ScheduleRow[]> {
  const atLocations = db
    .select({ id: serviceAtLocations.id })
    .from(serviceAtLocations)
    .where(and(eq(serviceAtLocations.networkId, networkId), eq(serviceAtLocations.serviceId, serviceId)))
  return db
    .select()
    .from(schedules)
    .where(and(eq(schedules.networkId, networkId), or(eq(schedules.serviceId, serviceId), inArray(schedules.serviceAtLocationId, atLocations))))
    .orderBy(asc(schedules.opensAt), asc(schedules.id))
}

export interface ContactRow {
  id: string
  name: string | null
  title: string | null
  email: string | null
  phones: string[]
}

export async function listServiceContacts(
  db: Executor,
  networkId: string,
  serviceId: string,
): Promise<{ contacts: ContactRow[]; phones: { id: string; number: string; extension: string | null; description: string | null }[] }> {
  const contactRows = await db
    .select({ id: contacts.id, name: contacts.name, title: contacts.title, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.networkId, networkId), eq(contacts.serviceId, serviceId)))
    .orderBy(asc(contacts.id))
  const phoneRows = await db
    .select({ id: phones.id, number: phones.number, extension: phones.extension, description: phones.description, contactId: phones.contactId })
    .from(phones)
    .where(
      and(
        eq(phones.networkId, networkId),
        or(eq(phones.serviceId, serviceId), contactRows.length ? inArray(phones.contactId, contactRows.map((c) => c.id)) : sql`false`),
      ),
    )
    .orderBy(asc(phones.id))
  return {
    contacts: contactRows.map((contact) => ({
      ...contact,
      phones: phoneRows.filter((phone) => phone.contactId === contact.id).map((phone) => phone.number),
    })),
    phones: phoneRows.filter((phone) => phone.contactId === null),
  }
}

export type CostOptionRow = typeof costOptions.$inferSelect
export type CapacityRow = typeof serviceCapacity.$inferSelect

export async function listCostOptions(db: Executor, networkId: string, serviceId: string): Promise<CostOptionRow[]> {
  return db.select().from(costOptions).where(and(eq(costOptions.networkId, networkId), eq(costOptions.serviceId, serviceId)))
}

export async function listCapacities(db: Executor, networkId: string, serviceId: string): Promise<CapacityRow[]> {
  return db.select().from(serviceCapacity).where(and(eq(serviceCapacity.networkId, networkId), eq(serviceCapacity.serviceId, serviceId)))
}

// Saving a listing -----------------------------------------------------------------------------------

export async function insertService(
  db: Executor,
  values: ServiceValues & { networkId: string; organisationId: string; now: Date },
): Promise<string> {
  const { now, ...rest } = values
  const [row] = await db
    .insert(services)
    .values({ ...rest, lastReviewedAt: now, createdAt: now, updatedAt: now })
    .returning({ id: services.id })
  return row.id
}

/** Saving an edit also counts as a review. */
export async function updateService(db: Executor, networkId: string, serviceId: string, values: ServiceValues, now: Date): Promise<void> {
  await db
    .update(services)
    .set({ ...values, updatedAt: now, lastReviewedAt: now, reviewReminderSentAt: null })
    .where(and(eq(services.networkId, networkId), eq(services.id, serviceId)))
}

/** Sets the issues offered on the form; tags with retired terms stay, as they are no longer offered. */
export async function replaceServiceTerms(db: Executor, networkId: string, serviceId: string, termIds: string[]): Promise<void> {
  const current = db.select({ id: taxonomyTerms.id }).from(taxonomyTerms).where(and(eq(taxonomyTerms.networkId, networkId), isNull(taxonomyTerms.retiredAt)))
  await db
    .delete(serviceTaxonomy)
    .where(and(eq(serviceTaxonomy.networkId, networkId), eq(serviceTaxonomy.serviceId, serviceId), inArray(serviceTaxonomy.termId, current)))
  if (termIds.length > 0) {
    await db
      .insert(serviceTaxonomy)
      .values(termIds.map((termId) => ({ serviceId, termId, networkId })))
      .onConflictDoNothing()
  }
}

export interface LocationValues {
  name: string | null
  address1: string
  address2: string | null
  city: string
  postcode: string
  accessibility: string | null
  latitude: number | null
  longitude: number | null
}

/**
 * The form edits one location: the service's first. Others (from an import) are left as they are.
 * Without a location on the form the first one is unlinked from the service.
 */
export async function savePrimaryLocation(
  db: Executor,
  owner: { networkId: string; organisationId: string; serviceId: string },
  location: LocationValues | null,
  now: Date,
): Promise<void> {
  const { networkId, serviceId } = owner
  const [first] = await db
    .select({ id: serviceAtLocations.id, locationId: serviceAtLocations.locationId })
    .from(serviceAtLocations)
    .where(and(eq(serviceAtLocations.networkId, networkId), eq(serviceAtLocations.serviceId, serviceId)))
    .orderBy(asc(serviceAtLocations.id))
    .limit(1)
  if (!location) {
    if (first) await db.delete(serviceAtLocations).where(and(eq(serviceAtLocations.networkId, networkId), eq(serviceAtLocations.id, first.id)))
    return
  }
  const locationFields = { name: location.name, latitude: location.latitude, longitude: location.longitude, updatedAt: now }
  const addressFields = { address1: location.address1, address2: location.address2, city: location.city, postalCode: location.postcode }
  let locationId: string
  if (first) {
    locationId = first.locationId
    await db.update(locations).set(locationFields).where(and(eq(locations.networkId, networkId), eq(locations.id, locationId)))
    await db.delete(addresses).where(and(eq(addresses.networkId, networkId), eq(addresses.locationId, locationId)))
    await db.delete(accessibility).where(and(eq(accessibility.networkId, networkId), eq(accessibility.locationId, locationId)))
  } else {
    const [row] = await db
      .insert(locations)
      .values({ ...locationFields, networkId, organisationId: owner.organisationId, locationType: 'physical' })
      .returning({ id: locations.id })
    locationId = row.id
    await db.insert(serviceAtLocations).values({ networkId, serviceId, locationId })
  }
  await db.insert(addresses).values({ ...addressFields, networkId, locationId })
  if (location.accessibility) await db.insert(accessibility).values({ networkId, locationId, description: location.accessibility })
}

/** Replaces the simple weekly rows the form edits (one weekday each); other schedules (from an import) stay. */
export async function replaceWeeklyOpeningTimes(
  db: Executor,
  networkId: string,
  serviceId: string,
  rows: { day: string; opens: string; closes: string }[],
): Promise<void> {
  await db
    .delete(schedules)
    .where(
      and(
        eq(schedules.networkId, networkId),
        eq(schedules.serviceId, serviceId),
        eq(schedules.freq, 'WEEKLY'),
        sql`${schedules.byday} ~ '^(MO|TU|WE|TH|FR|SA|SU)$'`,
        isNotNull(schedules.opensAt),
      ),
    )
  if (rows.length > 0) {
    await db.insert(schedules).values(
      rows.map((row) => ({ networkId, serviceId, freq: 'WEEKLY', interval: 1, byday: row.day, opensAt: row.opens, closesAt: row.closes })),
    )
  }
}

/** The form's contact person and phone number: the service's first of each. */
export async function savePrimaryContact(
  db: Executor,
  networkId: string,
  serviceId: string,
  contact: { name: string | null; phone: string | null },
): Promise<void> {
  const [firstContact] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.networkId, networkId), eq(contacts.serviceId, serviceId)))
    .orderBy(asc(contacts.id))
    .limit(1)
  if (firstContact) {
    if (contact.name) await db.update(contacts).set({ name: contact.name }).where(eq(contacts.id, firstContact.id))
    else await db.delete(contacts).where(eq(contacts.id, firstContact.id))
  } else if (contact.name) {
    await db.insert(contacts).values({ networkId, serviceId, name: contact.name })
  }
  const [firstPhone] = await db
    .select({ id: phones.id })
    .from(phones)
    .where(and(eq(phones.networkId, networkId), eq(phones.serviceId, serviceId), isNull(phones.contactId)))
    .orderBy(asc(phones.id))
    .limit(1)
  if (firstPhone) {
    if (contact.phone) await db.update(phones).set({ number: contact.phone }).where(eq(phones.id, firstPhone.id))
    else await db.delete(phones).where(eq(phones.id, firstPhone.id))
  } else if (contact.phone) {
    await db.insert(phones).values({ networkId, serviceId, number: contact.phone })
  }
}

// Capacity, review and verification ------------------------------------------------------------------

export async function updateCapacity(
  db: Executor,
  networkId: string,
  serviceId: string,
  capacity: { capacityStatus: ServiceRow['capacityStatus']; pausedReason: string | null; expectedReopening: string | null; waitingList: boolean },
  now: Date,
): Promise<void> {
  await db
    .update(services)
    .set({ ...capacity, capacityChangedAt: now, updatedAt: now })
    .where(and(eq(services.networkId, networkId), eq(services.id, serviceId)))
  // The hub's pause history (decision 0012): a change of status ends the stretch in force and starts one for a pause or closure.
  const open = and(eq(serviceCapacityPeriods.networkId, networkId), eq(serviceCapacityPeriods.serviceId, serviceId), isNull(serviceCapacityPeriods.endedAt))
  await db.update(serviceCapacityPeriods).set({ endedAt: now }).where(and(open, sql`${serviceCapacityPeriods.status} <> ${capacity.capacityStatus}`))
  if (capacity.capacityStatus !== 'active') {
    const [stillOpen] = await db.select({ id: serviceCapacityPeriods.id }).from(serviceCapacityPeriods).where(open).limit(1)
    if (!stillOpen) await db.insert(serviceCapacityPeriods).values({ networkId, serviceId, status: capacity.capacityStatus, startedAt: now })
  }
}

export async function markServiceReviewed(db: Executor, networkId: string, serviceId: string, now: Date): Promise<void> {
  await db
    .update(services)
    .set({ lastReviewedAt: now, reviewReminderSentAt: null })
    .where(and(eq(services.networkId, networkId), eq(services.id, serviceId)))
}

export async function markServiceVerified(db: Executor, networkId: string, serviceId: string, userId: string, now: Date): Promise<void> {
  await db
    .update(services)
    .set({ verifiedAt: now, verifiedBy: userId })
    .where(and(eq(services.networkId, networkId), eq(services.id, serviceId)))
}

// Freshness ------------------------------------------------------------------------------------------

export interface ReviewDueRow {
  id: string
  networkId: string
  name: string
  organisationId: string
  organisationName: string
  networkName: string
  lastReviewedAt: Date
}

/**
 * Listings reviewed before the cutoff whose admins have not been reminded since that review. Across every
 * network (the daily job), oldest first, a batch at a time; each is then handled in its own network's scope.
 */
export async function listServicesDueReminder(db: Executor, cutoff: Date, limit: number, networkId?: string): Promise<ReviewDueRow[]> {
  return db
    .select({
      id: services.id,
      networkId: services.networkId,
      name: services.name,
      organisationId: services.organisationId,
      organisationName: organisations.name,
      networkName: networks.name,
      lastReviewedAt: services.lastReviewedAt,
    })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(networks, eq(networks.id, services.networkId))
    .where(
      and(
        networkId ? eq(services.networkId, networkId) : undefined,
        lt(services.lastReviewedAt, cutoff),
        or(isNull(services.reviewReminderSentAt), lt(services.reviewReminderSentAt, services.lastReviewedAt)),
      ),
    )
    .orderBy(asc(services.lastReviewedAt), asc(services.id))
    .limit(limit)
}

export async function listOrganisationAdmins(
  db: Executor,
  networkId: string,
  organisationId: string,
): Promise<{ email: string; name: string; language: string }[]> {
  return db
    .select({ email: users.email, name: users.name, language: users.language })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.networkId, networkId), eq(memberships.organisationId, organisationId), eq(memberships.role, 'organisation_admin')),
    )
    .orderBy(asc(users.email))
}

export async function markReminderSent(db: Executor, networkId: string, serviceId: string, now: Date): Promise<void> {
  await db
    .update(services)
    .set({ reviewReminderSentAt: now })
    .where(and(eq(services.networkId, networkId), eq(services.id, serviceId)))
}
