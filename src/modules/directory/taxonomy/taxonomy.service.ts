import type { Executor } from '../../../db/client.js'
import { seedNetworkTaxonomy } from './taxonomy.repository.js'

/** What a new network's directory starts with: the issues taxonomy. Safe to call again. */
export async function setUpNetworkDirectory(db: Executor, networkId: string): Promise<void> {
  await seedNetworkTaxonomy(db, networkId)
}
