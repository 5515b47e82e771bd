import type { Transaction } from '../../db/client.js'
import type { ServiceDependencies } from '../../services.js'

/** A change to a referral that the other side should hear about. Ids only: no client data. */
export interface ReferralEventNotice {
  networkId: string
  referralId: string
  reference: string
  /** The referral event type: 'sent', 'received', 'accepted', 'contacted', 'completed', 'unable_to_contact', 'declined', 'withdrawn', 'rerouted', 'message'. */
  type: string
  actorUserId: string | null
  actorOrganisationId: string | null
  fromOrganisationId: string
  toOrganisationId: string
}

/**
 * Called by the referrals module inside the transaction that records the event: notifies the people of the
 * organisation at the other end in-app, and by email through the outbox as each one prefers.
 */
export async function notifyReferralEvent(_deps: Pick<ServiceDependencies, 'config' | 'now'>, _tx: Transaction, _notice: ReferralEventNotice): Promise<void> {
  // Filled in by the notifications work (in progress).
}
