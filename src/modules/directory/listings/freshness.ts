/**
 * The one freshness rule for every part of the directory (listings, search, ORUK, demo): a listing's admins are
 * reminded to review it after 6 months, and referrers and the coordinator see it flagged stale after 7.
 * Stale is worked out from last_reviewed_at, never stored, so it cannot drift from the date shown.
 */
export const reminderAfterMonths = 6
export const staleAfterMonths = 7

/** The same moment `months` calendar months earlier (31 March less one month is 28/29 February, as people count). */
export function monthsBefore(now: Date, months: number): Date {
  const result = new Date(now.getTime())
  const day = result.getUTCDate()
  result.setUTCDate(1)
  result.setUTCMonth(result.getUTCMonth() - months)
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate()
  result.setUTCDate(Math.min(day, lastDay))
  return result
}

export function isStale(lastReviewedAt: Date, now: Date): boolean {
  return lastReviewedAt.getTime() < monthsBefore(now, staleAfterMonths).getTime()
}

/** Reviewed before this moment and not reminded since: the admins get the review reminder. */
export function reminderCutoff(now: Date): Date {
  return monthsBefore(now, reminderAfterMonths)
}
