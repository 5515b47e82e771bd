import { LRUCache } from 'lru-cache'
import { addWorkingDays, workingDaysBetween, type Nation } from './working-days.js'

/**
 * The one rule for "overdue" and "due soon", shared by the work lists, the referral page and the daily
 * overdue job. Dates are 'YYYY-MM-DD' (today from ukDate); a referral is waiting for contact until the
 * receiving organisation records that it has contacted the client.
 */
export const awaitingContactStatuses = ['sent', 'received', 'accepted'] as const
/** Due within this many working days (today included) counts as due soon. */
export const dueSoonWorkingDays = 2

export type ContactDueState = 'overdue' | 'due_soon' | 'on_time' | 'not_awaiting'

export interface ContactDue {
  status: string
  contactDueOn: string
}

export function awaitingContact(status: string): boolean {
  return (awaitingContactStatuses as readonly string[]).includes(status)
}

// Asked for each row of a list; the answer changes once a day.
const dueSoonDates = new LRUCache<string, string>({ max: 100 })

/** The last due date that still counts as due soon; for SQL filters: contact_due_on BETWEEN today AND this. */
export function dueSoonUntil(today: string, nation: Nation): string {
  const key = `${nation}:${today}`
  let until = dueSoonDates.get(key)
  if (until === undefined) {
    until = addWorkingDays(today, dueSoonWorkingDays, nation)
    dueSoonDates.set(key, until)
  }
  return until
}

/** Contact should have happened by the end of contactDueOn and has not been recorded. */
export function isOverdue(referral: ContactDue, today: string): boolean {
  return awaitingContact(referral.status) && referral.contactDueOn < today
}

export function isDueSoon(referral: ContactDue, today: string, nation: Nation): boolean {
  return awaitingContact(referral.status) && referral.contactDueOn >= today && referral.contactDueOn <= dueSoonUntil(today, nation)
}

export function contactDueState(referral: ContactDue, today: string, nation: Nation): ContactDueState {
  if (!awaitingContact(referral.status)) return 'not_awaiting'
  if (isOverdue(referral, today)) return 'overdue'
  if (isDueSoon(referral, today, nation)) return 'due_soon'
  return 'on_time'
}

/** Working days since the due date, up to and including today (0 when not past it, or only a weekend has passed). */
export function workingDaysOverdue(contactDueOn: string, today: string, nation: Nation): number {
  return workingDaysBetween(contactDueOn, today, nation)
}
