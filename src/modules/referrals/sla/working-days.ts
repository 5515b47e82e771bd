import Holidays from 'date-holidays'

/** The nations a network can be in; England and Wales share bank holidays. */
export type Nation = 'england' | 'wales' | 'scotland' | 'northern_ireland'

const regionOf: Record<Nation, string> = { england: 'ENG', wales: 'WLS', scotland: 'SCT', northern_ireland: 'NIR' }
const calendars = new Map<Nation, Holidays>()
/** A nation's bank holidays of one year, as dates and, for counting, as the day numbers of those on weekdays. */
interface YearOfHolidays {
  dates: Set<string>
  weekdayNumbers: number[]
}
const holidayYears = new Map<string, YearOfHolidays>()

const dayMs = 86_400_000
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / dayMs
/** Day 0, 1 January 1970, was a Thursday. */
const isWeekend = (day: number): boolean => [0, 6].includes((day + 4) % 7)

function holidaysOf(nation: Nation, year: number): YearOfHolidays {
  const key = `${nation}:${year}`
  let holidays = holidayYears.get(key)
  if (!holidays) {
    let calendar = calendars.get(nation)
    if (!calendar) {
      calendar = new Holidays('GB', regionOf[nation])
      calendars.set(nation, calendar)
    }
    // 'public' is date-holidays' word for a bank holiday; observances (Mother's Day…) are working days.
    const dates = new Set(calendar.getHolidays(year).filter((day) => day.type === 'public').map((day) => day.date.slice(0, 10)))
    holidays = { dates, weekdayNumbers: [...dates].map(dayNumber).filter((day) => !isWeekend(day)) }
    holidayYears.set(key, holidays)
  }
  return holidays
}

/** 'YYYY-MM-DD' of every bank holiday (substitute days included) in that nation and year. */
function bankHolidays(nation: Nation, year: number): Set<string> {
  return holidaysOf(nation, year).dates
}

/** Every bank holiday of the nation in those years, for SQL that counts working days (the intelligence hub's roll-up). */
export function bankHolidaysIn(nation: Nation, fromYear: number, toYear: number): string[] {
  const days: string[] = []
  for (let year = fromYear; year <= toYear; year++) days.push(...bankHolidays(nation, year))
  return days.sort()
}

/** Calendar dates are 'YYYY-MM-DD' strings throughout, so no time zone can shift a day. */
export function isWorkingDay(date: string, nation: Nation): boolean {
  return !isWeekend(dayNumber(date)) && !bankHolidays(nation, Number(date.slice(0, 4))).has(date)
}

function dayAfter(date: string, step: 1 | -1): string {
  const next = new Date(`${date}T12:00:00Z`)
  next.setUTCDate(next.getUTCDate() + step)
  return next.toISOString().slice(0, 10)
}

/** The date `workingDays` working days after `from` (before it, when negative); from itself does not count. */
export function addWorkingDays(from: string, workingDays: number, nation: Nation): string {
  const step = workingDays < 0 ? -1 : 1
  let date = from
  let remaining = Math.abs(workingDays)
  while (remaining > 0) {
    date = dayAfter(date, step)
    if (isWorkingDay(date, nation)) remaining -= 1
  }
  return date
}

/** Weekdays among day numbers 0 … n-1. */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7)
  let count = weeks * 5
  for (let day = weeks * 7; day < n; day++) if (!isWeekend(day)) count += 1
  return count
}

/**
 * Working days after `from` up to and including `to`; 0 when `to` is not after `from`. Counted, not stepped:
 * work lists ask this for every row (how long each referral has waited), some of them months long.
 */
export function workingDaysBetween(from: string, to: string, nation: Nation): number {
  if (to <= from) return 0
  const first = dayNumber(from)
  const last = dayNumber(to)
  let count = weekdaysBefore(last + 1) - weekdaysBefore(first + 1)
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const holiday of holidaysOf(nation, year).weekdayNumbers) if (holiday > first && holiday <= last) count -= 1
  }
  return count
}

/** Re-exported for the referral module's callers: the UK date is the platform's. */
export { ukDate } from '../../../platform/i18n/date-format.js'
