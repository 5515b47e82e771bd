import Holidays from 'date-holidays'

/** The nations a network can be in; England and Wales share bank holidays. */
export type Nation = 'england' | 'wales' | 'scotland' | 'northern_ireland'

const regionOf: Record<Nation, string> = { england: 'ENG', wales: 'WLS', scotland: 'SCT', northern_ireland: 'NIR' }
const calendars = new Map<Nation, Holidays>()
const bankHolidayCache = new Map<string, Set<string>>()

/** 'YYYY-MM-DD' of every bank holiday (substitute days included) in that nation and year. */
function bankHolidays(nation: Nation, year: number): Set<string> {
  const key = `${nation}:${year}`
  let days = bankHolidayCache.get(key)
  if (!days) {
    let calendar = calendars.get(nation)
    if (!calendar) {
      calendar = new Holidays('GB', regionOf[nation])
      calendars.set(nation, calendar)
    }
    // 'public' is date-holidays' word for a bank holiday; observances (Mother's Day…) are working days.
    days = new Set(calendar.getHolidays(year).filter((day) => day.type === 'public').map((day) => day.date.slice(0, 10)))
    bankHolidayCache.set(key, days)
  }
  return days
}

/** Calendar dates are 'YYYY-MM-DD' strings throughout, so no time zone can shift a day. */
export function isWorkingDay(date: string, nation: Nation): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay()
  if (day === 0 || day === 6) return false
  return !bankHolidays(nation, Number(date.slice(0, 4))).has(date)
}

function nextDay(date: string): string {
  const next = new Date(`${date}T12:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

/** The date `workingDays` working days after `from` (from itself does not count). */
export function addWorkingDays(from: string, workingDays: number, nation: Nation): string {
  let date = from
  let remaining = workingDays
  while (remaining > 0) {
    date = nextDay(date)
    if (isWorkingDay(date, nation)) remaining -= 1
  }
  return date
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string, nation: Nation): number {
  let count = 0
  for (let date = from; date < to; ) {
    date = nextDay(date)
    if (isWorkingDay(date, nation)) count += 1
  }
  return count
}

/** Today's date in the UK, where every network is. */
export function ukDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}
