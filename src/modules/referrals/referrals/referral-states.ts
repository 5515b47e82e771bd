/**
 * The referral state machine, in one place: which action may move a referral from which state, and which side
 * (the organisation that sent it or the one that received it) may take it. See the diagram in DESIGN.md.
 */

export type ReferralStatus = 'sent' | 'received' | 'accepted' | 'in_progress' | 'completed' | 'unable_to_contact' | 'declined' | 'withdrawn'
export type Side = 'sender' | 'receiver'
export type LifecycleAction = 'accept' | 'contact' | 'complete' | 'unable-to-contact' | 'decline' | 'withdraw'

export interface Transition {
  side: Side
  from: readonly ReferralStatus[]
  to: ReferralStatus
  /** The referral_events type it records. */
  event: string
}

export const transitions: Record<LifecycleAction, Transition> = {
  accept: { side: 'receiver', from: ['sent', 'received'], to: 'accepted', event: 'accepted' },
  // Recording contact before accepting implies acceptance: the receiver has plainly taken it on.
  contact: { side: 'receiver', from: ['sent', 'received', 'accepted'], to: 'in_progress', event: 'contacted' },
  complete: { side: 'receiver', from: ['in_progress'], to: 'completed', event: 'completed' },
  'unable-to-contact': { side: 'receiver', from: ['received', 'accepted'], to: 'unable_to_contact', event: 'unable_to_contact' },
  decline: { side: 'receiver', from: ['sent', 'received', 'accepted', 'in_progress'], to: 'declined', event: 'declined' },
  withdraw: { side: 'sender', from: ['sent', 'received', 'accepted', 'in_progress'], to: 'withdrawn', event: 'withdrawn' },
}

export const lifecycleActions = Object.keys(transitions) as LifecycleAction[]

/** The receiving organisation opening a referral for the first time. */
export const receipt = { from: 'sent', to: 'received', event: 'received' } as const

/** States in which nothing more happens to the referral itself (a declined one may still be re-routed). */
export const closedStates: readonly ReferralStatus[] = ['completed', 'unable_to_contact', 'declined', 'withdrawn']

export function isLifecycleAction(value: string): value is LifecycleAction {
  return (lifecycleActions as string[]).includes(value)
}

export function canMove(action: LifecycleAction, status: ReferralStatus, sides: readonly Side[]): boolean {
  const transition = transitions[action]
  return sides.includes(transition.side) && transition.from.includes(status)
}

/** The actions this viewer can take now, in the order the page offers them. */
export function actionsAvailable(status: ReferralStatus, sides: readonly Side[]): LifecycleAction[] {
  return lifecycleActions.filter((action) => canMove(action, status, sides))
}

/** A declined referral moves on to another service: either side may do it, once. */
export function canReroute(status: ReferralStatus, alreadyRerouted: boolean): boolean {
  return status === 'declined' && !alreadyRerouted
}
