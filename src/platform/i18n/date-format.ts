import { LRUCache } from 'lru-cache'

/**
 * Intl.DateTimeFormat with the same arguments, built once: building one costs far more than formatting with it,
 * and list pages format dates on every row.
 */
const formats = new Map<string, Intl.DateTimeFormat>()

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options)
    formats.set(key, format)
  }
  return format
}

const longFormats = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }),
  cy: new Intl.DateTimeFormat('cy-GB', { dateStyle: 'long', timeZone: 'Europe/London' }),
}
/** Calendar dates written out, remembered: a list's due dates fall on the same few weeks. Bounded. */
const longDays = { en: new Map<string, string>(), cy: new Map<string, string>() }

/** A date (Date or 'YYYY-MM-DD') as people write it: '3 January 2026' / '3 Ionawr 2026'. */
export function longDate(value: Date | string, lang: string): string {
  const language = lang === 'cy' ? 'cy' : 'en'
  if (typeof value !== 'string') value = ukDate(value)
  const days = longDays[language]
  let text = days.get(value)
  if (text === undefined) {
    text = longFormats[language].format(new Date(`${value}T12:00:00Z`))
    if (days.size < 5000) days.set(value, text)
  }
  return text
}

const ukDays = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })

/**
 * UK dates by UTC hour, remembered: the UK is always a whole number of hours from UTC, so its date is the same all
 * through each UTC hour, and a list's timestamps fall in few of them.
 */
const ukDatesByHour = new LRUCache<number, string>({ max: 20_000 })

/** Today's date ('YYYY-MM-DD') in the UK, where every network is, whatever the server's time zone. */
export function ukDate(at: Date): string {
  const hour = Math.floor(at.getTime() / 3_600_000)
  let date = ukDatesByHour.get(hour)
  if (date === undefined) {
    date = ukDays.format(at)
    ukDatesByHour.set(hour, date)
  }
  return date
}
