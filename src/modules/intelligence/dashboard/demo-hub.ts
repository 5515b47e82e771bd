import type { Executor } from '../../../db/client.js'
import { bankHolidaysIn } from '../../referrals/sla/working-days.js'
import { markRefreshed, refreshFacts, seedDemoCapacityPeriods } from './dashboard.repository.js'

/**
 * The demo network's hub, ready on first view: a pause history for its services and the roll-up of its
 * referrals, derived in the demo's own transaction (after the referral history is in).
 */
export async function seedDemoHub(tx: Executor, options: { networkId: string; now: Date }): Promise<void> {
  await seedDemoCapacityPeriods(tx, options.networkId, options.now)
  const { watermark } = await refreshFacts(tx, options.networkId, bankHolidaysIn('england', 2015, options.now.getUTCFullYear() + 1))
  await markRefreshed(tx, options.networkId, options.now, watermark, true)
}
