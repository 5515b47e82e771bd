import type { Executor } from '../../../db/client.js'
import { buildDemoHistory } from './demo-generator.js'
import {
  findNetworkSlaFacts,
  hasDemoHistory,
  insertDemoHistory,
  listMembers,
  listOrganisationIds,
  listServiceFacts,
  listTermIds,
} from './demo-history.repository.js'

/*
 * The demo network's referral history: about 3,000 referrals over 18 months, so the work lists, the client pages
 * and later the dashboards have something real-looking to show. Built after the people and the directory, in the
 * same transaction; ids are name-based and the whole history is added once, so running the demo again adds nothing.
 */

export interface DemoHistoryOptions {
  networkId: string
  now: Date
  /** How many intakes to spread over the 18 months (about 1.6 referrals each). */
  intakes?: number
}

export async function seedDemoReferralHistory(tx: Executor, options: DemoHistoryOptions): Promise<{ referralsAdded: number }> {
  if (await hasDemoHistory(tx, options.networkId)) return { referralsAdded: 0 }
  const network = await findNetworkSlaFacts(tx, options.networkId)
  if (!network) throw new Error('the demo network is missing')
  const staff = new Map<string, { senders: string[]; receivers: string[] }>()
  for (const member of await listMembers(tx, options.networkId)) {
    const people = staff.get(member.organisationId) ?? { senders: [], receivers: [] }
    if (member.role !== 'receiver') people.senders.push(member.userId)
    if (member.role !== 'referrer') people.receivers.push(member.userId)
    staff.set(member.organisationId, people)
  }
  // An organisation with only a receiver still records its own intakes through them.
  for (const people of staff.values()) if (people.senders.length === 0) people.senders.push(...people.receivers)
  const rows = buildDemoHistory({
    networkId: options.networkId,
    now: options.now,
    nation: network.nation,
    contactSlaDays: network.contactSlaDays,
    urgentContactSlaDays: network.urgentContactSlaDays,
    organisationIds: await listOrganisationIds(tx, options.networkId),
    staff,
    services: await listServiceFacts(tx, options.networkId),
    termIds: await listTermIds(tx, options.networkId),
    intakes: options.intakes,
  })
  await insertDemoHistory(tx, rows)
  return { referralsAdded: rows.referrals.length }
}
