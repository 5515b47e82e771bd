import { nameBasedId } from '../../../platform/ids.js'
import type { DemoHistoryRows } from './demo-history.repository.js'
import type { ReferralLife } from './demo-lifecycle.js'
import { isoDate, officeTime, workingDaysLater, type Calendar, type Dice } from './demo-random.js'
import { conversations } from './demo-stories.js'

/* What else a referral's history holds: its reference, the messages between the two sides, consent withdrawn. */

// The alphabet sending uses: no 0/O, 1/I/L or U/V to mishear on the phone.
const alphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ'
/** 'R-' and six characters from the id, unique in the history. */
export function referenceFor(referralId: string, taken: Set<string>): string {
  const hex = referralId.replace(/-/g, '')
  for (let offset = 0; ; offset++) {
    let reference = 'R-'
    for (let n = 0; n < 6; n++) reference += alphabet[parseInt(hex.slice(offset + n * 2, offset + n * 2 + 2), 16) % alphabet.length]
    if (!taken.has(reference)) {
      taken.add(reference)
      return reference
    }
  }
}

export interface Conversation {
  networkId: string
  referralId: string
  key: string
  life: ReferralLife
  now: Date
  calendar: Calendar
  sender: { organisationId: string; userId: string | null }
  receiver: { organisationId: string; userId: string | null }
}

/** A question from the referrer and the receiver's answer, while the referral was open. */
export function addConversation(rows: DemoHistoryRows, roll: Dice, talk: Conversation): void {
  const [question, answer] = roll.pick(conversations)
  const until = talk.life.closedAt ?? talk.now
  const asked = workingDaysLater(talk.life.events[0].at, roll.between(0, 2), talk.calendar, roll)
  const answered = workingDaysLater(asked, roll.between(0, 1), talk.calendar, roll)
  const messages: [Date, string, { organisationId: string; userId: string | null }][] = [[asked, question, talk.sender], [answered, answer, talk.receiver]]
  messages.forEach(([at, body, author], position) => {
    if (at > until) return
    const id = nameBasedId('demo', talk.networkId, 'referral-history', 'message', `${talk.key}.${position}`)
    rows.referralMessages.push({ id, networkId: talk.networkId, referralId: talk.referralId, authorUserId: author.userId, authorOrganisationId: author.organisationId, body, createdAt: at })
    // As sending does it: the message is an event too, so the timeline shows it; the body stays in referral_messages.
    rows.referralEvents.push({ networkId: talk.networkId, referralId: talk.referralId, type: 'message', actorUserId: author.userId, actorOrganisationId: author.organisationId, data: { messageId: id }, createdAt: at })
  })
}

/** A few clients withdraw their consent once their referrals are over. */
export function withdrawSomeConsents(rows: DemoHistoryRows, roll: Dice, now: Date): void {
  const latest = new Map<string, (typeof rows.consents)[number]>()
  for (const consent of rows.consents) latest.set(consent.clientId, consent)
  const openClients = new Set(rows.referrals.filter((referral) => !referral.closedAt).map((referral) => referral.clientId))
  for (const [clientId, consent] of latest) {
    if (openClients.has(clientId) || !roll.chance(0.015)) continue
    const last = Math.max(...rows.referrals.filter((referral) => referral.clientId === clientId).map((referral) => (referral.closedAt as Date).getTime()))
    const at = officeTime(isoDate(new Date(last + roll.between(3, 30) * 86_400_000)), roll)
    if (at > now || consent.expiresOn < isoDate(at)) continue
    Object.assign(consent, { withdrawnAt: at, withdrawnBy: consent.recordedBy, withdrawalNote: 'Client asked us to stop sharing their details.' })
  }
}
