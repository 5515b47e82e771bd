import type { Executor } from '../../../db/client.js'
import { nameBasedId } from '../../../platform/ids.js'
import * as repository from './oruk-import.repository.js'
import type { ImportReport } from './oruk-import.service.js'
import type { Rows } from './oruk-import.rows.js'

/* Where each incoming record of an import lands in the network: see README.md (Ids). */

/** Where each incoming id lands in this network, and whether that record is new. */
export class IdPlan {
  private readonly maps = new Map<string, Map<string, { id: string; isNew: boolean }>>()
  private readonly existing = new Map<string, Map<string, string>>()

  place(table: string, incoming: string, id: string, isNew: boolean): void {
    if (!this.maps.has(table)) this.maps.set(table, new Map())
    this.maps.get(table)?.set(incoming, { id, isNew })
  }

  /** An incoming id the network already has, under that id or the one an earlier import gave it. */
  knowExisting(table: string, incoming: string, id: string): void {
    if (!this.existing.has(table)) this.existing.set(table, new Map())
    this.existing.get(table)?.set(incoming, id)
  }

  /** The id in this network for a reference: an imported record, or one the network already has. */
  resolve(table: string, incoming: string | undefined): string | undefined {
    if (!incoming) return undefined
    const placed = this.maps.get(table)?.get(incoming)
    if (placed) return placed.id
    return this.existing.get(table)?.get(incoming)
  }

  isNew(table: string, incoming: string): boolean {
    return this.maps.get(table)?.get(incoming)?.isNew ?? true
  }

  counts(): ImportReport['counts'] {
    const counts: ImportReport['counts'] = {}
    for (const [table, map] of this.maps) {
      const placed = new Map([...map.values()].map((entry) => [entry.id, entry.isNew]))
      counts[table] = { created: [...placed.values()].filter(Boolean).length, updated: [...placed.values()].filter((isNew) => !isNew).length }
    }
    return counts
  }
}

const referenceFields: Record<repository.IdTable, { field: string; table: repository.IdTable }[]> = {
  organizations: [],
  services: [{ field: 'organization_id', table: 'organizations' }],
  locations: [],
  addresses: [{ field: 'location_id', table: 'locations' }],
  accessibility: [{ field: 'location_id', table: 'locations' }],
  service_at_locations: [
    { field: 'service_id', table: 'services' },
    { field: 'location_id', table: 'locations' },
  ],
  contacts: [{ field: 'service_id', table: 'services' }],
  phones: [
    { field: 'contact_id', table: 'contacts' },
    { field: 'service_id', table: 'services' },
    { field: 'location_id', table: 'locations' },
  ],
  schedules: [
    { field: 'service_id', table: 'services' },
    { field: 'service_at_location_id', table: 'service_at_locations' },
  ],
  service_areas: [{ field: 'service_id', table: 'services' }],
  cost_options: [{ field: 'service_id', table: 'services' }],
  taxonomy_terms: [{ field: 'parent_id', table: 'taxonomy_terms' }],
}

/**
 * The id an incoming record takes when another network already uses its id: derived from this network and the
 * incoming id, so importing the same file again finds and updates the same record.
 */
const localId = (networkId: string, table: string, incoming: string): string => nameBasedId('import', networkId, table, incoming)

/** Places every incoming id: ours (as is, or as an earlier import placed it) → update; another network's → a local id; unknown → keep it. */
export async function planIds(tx: Executor, networkId: string, rows: Rows): Promise<IdPlan> {
  const plan = new IdPlan()
  const wanted = new Map<repository.IdTable, Set<string>>()
  const want = (table: repository.IdTable, id: string | undefined) => {
    if (!id) return
    if (!wanted.has(table)) wanted.set(table, new Set())
    wanted.get(table)?.add(id)
  }
  for (const table of Object.keys(referenceFields) as repository.IdTable[]) {
    for (const row of rows[table] as { id: string; [key: string]: unknown }[]) {
      want(table, row.id)
      for (const reference of referenceFields[table]) want(reference.table, row[reference.field] as string | undefined)
    }
  }
  for (const row of rows.organization_identifiers) want('organizations', row.organization_id)
  for (const row of rows.attributes) {
    want('services', row.link_id)
    want('taxonomy_terms', row.taxonomy_term_id)
  }
  for (const row of rows.languages) {
    want('services', row.service_id)
    want('phones', row.phone_id)
  }
  const owners = new Map<repository.IdTable, Map<string, string>>()
  for (const [table, ids] of wanted) {
    const found = await repository.ownersOfIds(tx, table, [...ids].flatMap((id) => [id, localId(networkId, table, id)]))
    owners.set(table, found)
    for (const id of ids) {
      if (found.get(id) === networkId) plan.knowExisting(table, id, id)
      else if (found.get(localId(networkId, table, id)) === networkId) plan.knowExisting(table, id, localId(networkId, table, id))
    }
  }
  const organisationsByName = new Map((await repository.organisationNames(tx, networkId)).map((row) => [row.name.toLowerCase(), row.id]))
  const termsByName = new Map<string, string>()
  for (const term of await repository.termsOfNetwork(tx, networkId)) {
    termsByName.set(term.name.toLowerCase(), term.id)
    termsByName.set(term.nameCy.toLowerCase(), term.id)
  }
  for (const table of Object.keys(referenceFields) as repository.IdTable[]) {
    for (const row of rows[table] as { id: string; name?: string }[]) {
      const owner = owners.get(table)?.get(row.id)
      const known = plan.resolve(table, row.id)
      if (known) {
        plan.place(table, row.id, known, false)
        continue
      }
      const byName = table === 'organizations' ? organisationsByName : table === 'taxonomy_terms' ? termsByName : undefined
      const sameName = row.name ? byName?.get(row.name.toLowerCase()) : undefined
      if (sameName) {
        plan.place(table, row.id, sameName, false)
        continue
      }
      const id = owner ? localId(networkId, table, row.id) : row.id
      plan.place(table, row.id, id, true)
      if (row.name && byName) byName.set(row.name.toLowerCase(), id)
    }
  }
  return plan
}
