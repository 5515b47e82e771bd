import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import {
  accessibility,
  addresses,
  contacts,
  locations,
  networkRoles,
  organisations,
  phones,
  schedules,
  serviceAtLocations,
  serviceTaxonomy,
  services,
  taxonomyTerms,
} from '../../../db/schema/index.js'

/** Every row of the demo directory, with ids fixed in advance so a second run conflicts and adds nothing. */
export interface DemoDirectoryRows {
  locations: (typeof locations.$inferInsert)[]
  addresses: (typeof addresses.$inferInsert)[]
  accessibility: (typeof accessibility.$inferInsert)[]
  services: (typeof services.$inferInsert)[]
  serviceTaxonomy: (typeof serviceTaxonomy.$inferInsert)[]
  serviceAtLocations: (typeof serviceAtLocations.$inferInsert)[]
  contacts: (typeof contacts.$inferInsert)[]
  phones: (typeof phones.$inferInsert)[]
  schedules: (typeof schedules.$inferInsert)[]
}

export async function findOrganisationIdsByName(db: Executor, networkId: string, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map()
  const rows = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.networkId, networkId), inArray(organisations.name, names)))
  return new Map(rows.map((row) => [row.name, row.id]))
}

export async function findTermIdsByCode(db: Executor, networkId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: taxonomyTerms.id, code: taxonomyTerms.code })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.networkId, networkId))
  return new Map(rows.map((row) => [row.code, row.id]))
}

/** The network's first coordinator, who the demo says verified its verified listings. */
export async function findCoordinatorId(db: Executor, networkId: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: networkRoles.userId })
    .from(networkRoles)
    .where(and(eq(networkRoles.networkId, networkId), eq(networkRoles.role, 'coordinator')))
    .limit(1)
  return row?.userId ?? null
}

/**
 * One multi-row insert per table, parents first. Services that exist already (same id) are left as they are, and
 * so are their issues, contacts and opening hours: only services added now get theirs, so a demo listing someone
 * has edited is not put back.
 */
export async function insertDemoDirectory(db: Executor, rows: DemoDirectoryRows): Promise<number> {
  if (rows.services.length === 0) return 0
  if (rows.locations.length > 0) await db.insert(locations).values(rows.locations).onConflictDoNothing()
  if (rows.addresses.length > 0) await db.insert(addresses).values(rows.addresses).onConflictDoNothing()
  if (rows.accessibility.length > 0) await db.insert(accessibility).values(rows.accessibility).onConflictDoNothing()
  const added = await db.insert(services).values(rows.services).onConflictDoNothing().returning({ id: services.id })
  const isNew = new Set(added.map((row) => row.id))
  const ofNew = <T extends { serviceId?: string | null }>(children: T[]): T[] => children.filter((child) => child.serviceId && isNew.has(child.serviceId))
  const serviceTaxonomyRows = ofNew(rows.serviceTaxonomy)
  if (serviceTaxonomyRows.length > 0) await db.insert(serviceTaxonomy).values(serviceTaxonomyRows)
  const atLocationRows = ofNew(rows.serviceAtLocations)
  if (atLocationRows.length > 0) await db.insert(serviceAtLocations).values(atLocationRows)
  const contactRows = ofNew(rows.contacts)
  if (contactRows.length > 0) await db.insert(contacts).values(contactRows)
  const phoneRows = ofNew(rows.phones)
  if (phoneRows.length > 0) await db.insert(phones).values(phoneRows)
  const scheduleRows = ofNew(rows.schedules)
  if (scheduleRows.length > 0) await db.insert(schedules).values(scheduleRows)
  return added.length
}
