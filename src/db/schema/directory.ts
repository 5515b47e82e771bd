import { sql } from 'drizzle-orm'
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './accounts.js'
import { networkIdColumn } from './columns.js'
import { networks, organisations } from './networks.js'

/**
 * The directory, after Open Referral UK 3.0 (HSDS 3.0 profile) with HSDS 3.1 service_capacity and our own
 * eligibility, capacity and freshness fields. Every table carries network_id; ids are uuids as in the spec.
 */


const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/** ORUK service.status. */
export const serviceStatus = pgEnum('service_status', ['active', 'inactive', 'defunct', 'temporarily closed'])
/** Whether a service can take new referrals now: paused stays visible but takes none. */
export const capacityStatus = pgEnum('capacity_status', ['active', 'paused', 'closed'])
export const locationType = pgEnum('location_type', ['physical', 'postal', 'virtual'])
export const deliveryChannel = pgEnum('delivery_channel', ['phone', 'online', 'in_person', 'home_visit'])
export const householdType = pgEnum('household_type', [
  'single_adult',
  'couple',
  'family_with_children',
  'single_parent',
  'older_person',
  'young_person',
  'carer',
])

export const taxonomies = pgTable(
  'taxonomies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    uri: text('uri'),
    version: text('version'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('taxonomies_network_idx').on(t.networkId)],
)

/** An issue people need help with. Renamed terms keep their id (history in taxonomy_term_names); retired ones stay for old referrals. */
export const taxonomyTerms = pgTable(
  'taxonomy_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    taxonomyId: uuid('taxonomy_id')
      .notNull()
      .references(() => taxonomies.id),
    /** Stable code, e.g. 'debt', so seeds, demo data and reports can name a term whatever it is called now. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameCy: text('name_cy').notNull(),
    description: text('description').notNull().default(''),
    parentId: uuid('parent_id'),
    termUri: text('term_uri'),
    /** Marks the issues the intelligence hub counts as crisis support (food support, emergency grants). */
    crisis: boolean('crisis').notNull().default(false),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('taxonomy_terms_network_code_idx').on(t.networkId, t.code),
    index('taxonomy_terms_taxonomy_idx').on(t.taxonomyId),
  ],
)

/** Every name a term has had, so old referrals and reports can say what it was called then. */
export const taxonomyTermNames = pgTable(
  'taxonomy_term_names',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => taxonomyTerms.id),
    name: text('name').notNull(),
    nameCy: text('name_cy').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    changedBy: uuid('changed_by').references(() => users.id),
  },
  (t) => [index('taxonomy_term_names_term_idx').on(t.termId)],
)

export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    // ORUK service fields
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    url: text('url'),
    email: text('email'),
    status: serviceStatus('status').notNull().default('active'),
    fees: text('fees'),
    accreditations: text('accreditations'),
    minimumAge: integer('minimum_age'),
    maximumAge: integer('maximum_age'),
    assuredDate: date('assured_date'),
    assurerEmail: text('assurer_email'),
    alert: text('alert'),
    // Ours: who it is for and how to refer
    referralCriteria: text('referral_criteria').notNull().default(''),
    /** null: not stated. */
    acceptsNrpf: boolean('accepts_nrpf'),
    householdTypes: householdType('household_types').array().notNull().default(sql`'{}'`),
    /** Outward codes served, e.g. {'E1','E2'}; empty with no radius means the whole network area. */
    areaDistricts: text('area_districts').array().notNull().default(sql`'{}'`),
    areaRadiusKm: numeric('area_radius_km', { precision: 6, scale: 2, mode: 'number' }),
    areaCentreLatitude: doublePrecision('area_centre_latitude'),
    areaCentreLongitude: doublePrecision('area_centre_longitude'),
    areaCentrePostcode: text('area_centre_postcode'),
    howServiceContactsClients: text('how_service_contacts_clients').notNull().default(''),
    /** Working days to contact a client; null means the network's default. */
    contactSlaDays: integer('contact_sla_days'),
    deliveryChannels: deliveryChannel('delivery_channels').array().notNull().default(sql`'{}'`),
    /** ISO 639-1 codes of languages staff speak, e.g. {'en','bn','pl'}. */
    languages: text('languages').array().notNull().default(sql`'{}'`),
    interpreting: text('interpreting'),
    // Capacity
    capacityStatus: capacityStatus('capacity_status').notNull().default('active'),
    pausedReason: text('paused_reason'),
    expectedReopening: date('expected_reopening'),
    waitingList: boolean('waiting_list').notNull().default(false),
    capacityChangedAt: timestamp('capacity_changed_at', { withTimezone: true }),
    // Freshness and trust
    lastReviewedAt: timestamp('last_reviewed_at', { withTimezone: true }).notNull().defaultNow(),
    reviewReminderSentAt: timestamp('review_reminder_sent_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** ORUK last_modified. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Weighted: name A, criteria and description B/C. Maintained by the database. */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(name, '')), 'A') || setweight(to_tsvector('english', coalesce(referral_criteria, '')), 'B') || setweight(to_tsvector('english', coalesce(description, '')), 'C')`,
    ),
  },
  (t) => [
    index('services_network_idx').on(t.networkId, t.organisationId),
    index('services_search_idx').using('gin', t.searchVector),
    index('services_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('services_areas_idx').using('gin', t.areaDistricts),
    index('services_reviewed_idx').on(t.networkId, t.lastReviewedAt),
  ],
)

export const serviceTaxonomy = pgTable(
  'service_taxonomy',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    termId: uuid('term_id')
      .notNull()
      .references(() => taxonomyTerms.id),
    networkId: networkIdColumn(),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.termId] }), index('service_taxonomy_network_term_idx').on(t.networkId, t.termId)],
)

/** HSDS 3.1 service_capacity: how much of something a service has now (e.g. 12 of 20 places). */
export const serviceCapacity = pgTable('service_capacity', {
  id: uuid('id').primaryKey().defaultRandom(),
  networkId: networkIdColumn(),
  serviceId: uuid('service_id')
    .notNull()
    .references(() => services.id, { onDelete: 'cascade' }),
  unit: text('unit').notNull(),
  available: integer('available').notNull(),
  maximum: integer('maximum'),
  description: text('description'),
  updated: timestamp('updated', { withTimezone: true }).notNull().defaultNow(),
})

export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    locationType: locationType('location_type').notNull().default('physical'),
    name: text('name'),
    description: text('description'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    externalIdentifier: text('external_identifier'),
    externalIdentifierType: text('external_identifier_type'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('locations_network_idx').on(t.networkId)],
)

export const addresses = pgTable(
  'addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    attention: text('attention'),
    address1: text('address_1').notNull(),
    address2: text('address_2'),
    city: text('city').notNull(),
    region: text('region'),
    stateProvince: text('state_province').notNull().default(''),
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull().default('GB'),
    addressType: locationType('address_type').notNull().default('physical'),
  },
  (t) => [index('addresses_location_idx').on(t.locationId)],
)

export const accessibility = pgTable('accessibility', {
  id: uuid('id').primaryKey().defaultRandom(),
  networkId: networkIdColumn(),
  locationId: uuid('location_id')
    .notNull()
    .references(() => locations.id, { onDelete: 'cascade' }),
  description: text('description'),
  details: text('details'),
  url: text('url'),
})

export const serviceAtLocations = pgTable(
  'service_at_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    description: text('description'),
  },
  (t) => [index('service_at_locations_service_idx').on(t.serviceId), index('service_at_locations_location_idx').on(t.locationId)],
)

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
    name: text('name'),
    title: text('title'),
    department: text('department'),
    email: text('email'),
  },
  (t) => [index('contacts_service_idx').on(t.serviceId)],
)

export const phones = pgTable(
  'phones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    extension: text('extension'),
    type: text('type'),
    description: text('description'),
    /** ISO 639-1 codes of languages this line answers in. */
    languages: text('languages').array().notNull().default(sql`'{}'`),
  },
  (t) => [index('phones_service_idx').on(t.serviceId)],
)

/** When a service (or a service at a location) is open, as RFC 5545-style weekly rules. */
export const schedules = pgTable(
  'schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
    serviceAtLocationId: uuid('service_at_location_id').references(() => serviceAtLocations.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    dtstart: date('dtstart'),
    freq: text('freq'),
    interval: integer('interval'),
    /** e.g. 'MO,TU,WE' */
    byday: text('byday'),
    bymonthday: text('bymonthday'),
    opensAt: time('opens_at'),
    closesAt: time('closes_at'),
    description: text('description'),
    scheduleLink: text('schedule_link'),
    attendingType: text('attending_type'),
    notes: text('notes'),
  },
  (t) => [index('schedules_service_idx').on(t.serviceId), index('schedules_service_at_location_idx').on(t.serviceAtLocationId)],
)

export const serviceAreas = pgTable(
  'service_areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    name: text('name'),
    description: text('description'),
    extent: text('extent'),
    extentType: text('extent_type'),
    uri: text('uri'),
  },
  (t) => [index('service_areas_service_idx').on(t.serviceId)],
)

export const costOptions = pgTable(
  'cost_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    option: text('option'),
    amount: numeric('amount', { precision: 10, scale: 2, mode: 'number' }),
    currency: text('currency').default('GBP'),
    amountDescription: text('amount_description'),
  },
  (t) => [index('cost_options_service_idx').on(t.serviceId)],
)

/** Postcode centroids (from the ONS Postcode Directory, or the demo's own): shared by every network. */
export const postcodeCentroids = pgTable(
  'postcode_centroids',
  {
    /** Normalised with a single space, e.g. 'E1 6AN'. */
    postcode: text('postcode').primaryKey(),
    /** Outward code, e.g. 'E1'. */
    district: text('district').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    terminatedAt: date('terminated_at'),
  },
  (t) => [index('postcode_centroids_district_idx').on(t.district)],
)

/** A search that found no fitting service: what was needed and where, never who. For the intelligence hub. */
export const searchGaps = pgTable(
  'search_gaps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    termIds: uuid('term_ids').array().notNull().default(sql`'{}'`),
    district: text('district'),
    /** Circumstances searched for: age band, NRPF, language, channel, day — no names, no full postcode. */
    circumstances: jsonb('circumstances').notNull().default({}),
    partialMatches: integer('partial_matches').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('search_gaps_network_idx').on(t.networkId, t.createdAt)],
)

/**
 * Search cache (helper 3, issue 3): a counter per network that every writer of what search reads (listings, their
 * tags, locations, schedules, capacity, verification; the ORUK import) bumps in its transaction. A search reuses the
 * candidates it found earlier only while the counter is unchanged. A counter, not max(services.updated_at): that
 * column is the ORUK last_modified, which imports and the demo set to past dates.
 */
export const directoryVersions = pgTable('directory_versions', {
  networkId: uuid('network_id')
    .primaryKey()
    .references(() => networks.id),
  version: integer('version').notNull().default(0),
})
