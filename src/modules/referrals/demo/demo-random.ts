import { addWorkingDays, isWorkingDay, type Nation } from '../sla/working-days.js'

/*
 * The demo history's dice and clock: a seeded generator, so the same `now` always gives the same history,
 * and times placed in working hours on working days, so the timelines read like a real office's.
 */

export interface Dice {
  /** A number in [0, 1). */
  next(): number
  chance(probability: number): boolean
  between(low: number, high: number): number
  pick<T>(values: readonly T[]): T
  /** One of the keys, with probability in proportion to its weight. */
  weighted<T extends string>(weights: Readonly<Record<T, number>> | ReadonlyMap<T, number>): T
}

/** mulberry32: small and fast, the same generator the bench's directory uses. */
export function dice(seed: number): Dice {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    chance: (probability) => next() < probability,
    between: (low, high) => low + Math.floor(next() * (high - low + 1)),
    pick: (values) => values[Math.floor(next() * values.length)],
    weighted: <T extends string>(weights: Readonly<Record<T, number>> | ReadonlyMap<T, number>): T => {
      const entries = (weights instanceof Map ? [...weights.entries()] : Object.entries(weights)) as [T, number][]
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
      let roll = next() * total
      for (const [key, weight] of entries) {
        roll -= weight
        if (roll < 0) return key
      }
      return entries[entries.length - 1][0]
    },
  }
}

export const isoDate = (at: Date): string => at.toISOString().slice(0, 10)
const minute = 60_000

/** A moment on `date` between 09:00 and 17:00 (UTC, near enough to UK office hours for a demo). */
export function officeTime(date: string, roll: Dice, earliest?: Date): Date {
  const at = new Date(`${date}T09:00:00Z`)
  at.setUTCMinutes(roll.between(0, 8 * 60 - 1))
  // Later the same day than the step before, never before it.
  if (earliest && at <= earliest) return new Date(earliest.getTime() + roll.between(5, 90) * minute)
  return at
}

/**
 * addWorkingDays over a window of dates worked out once: the history asks it some 20,000 times, and stepping
 * day by day each time would take longer than inserting the rows. Outside the window it asks addWorkingDays.
 */
export type Calendar = (date: string, days: number) => string

export function workingCalendar(from: string, to: string, nation: Nation): Calendar {
  const workingDates: string[] = []
  /** For every date in the window: the position of the last working date on or before it. */
  const position = new Map<string, number>()
  for (let date = from; date <= to; date = nextDate(date)) {
    if (isWorkingDay(date, nation)) workingDates.push(date)
    position.set(date, workingDates.length - 1)
  }
  return (date, days) => {
    const at = position.get(date)
    const found = at === undefined || at < 0 ? undefined : workingDates[at + days]
    return found ?? addWorkingDays(date, days, nation)
  }
}

function nextDate(date: string): string {
  const next = new Date(`${date}T12:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return isoDate(next)
}

/** `days` working days after `from`'s date, in office hours and after `from`; 0 days means later the same day. */
export function workingDaysLater(from: Date, days: number, calendar: Calendar, roll: Dice): Date {
  const date = days === 0 ? isoDate(from) : calendar(isoDate(from), days)
  return officeTime(date, roll, from)
}

/** The working day on or after `date`. */
export function onWorkingDay(date: string, nation: Nation): string {
  return isWorkingDay(date, nation) ? date : addWorkingDays(date, 1, nation)
}

export const minutesLater = (from: Date, minutes: number): Date => new Date(from.getTime() + minutes * minute)
export const daysBefore = (at: Date, days: number): Date => new Date(at.getTime() - days * 86_400_000)
