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

/** A date (Date or 'YYYY-MM-DD') as people write it: '3 January 2026' / '3 Ionawr 2026'. */
export function longDate(value: Date | string, lang: string): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value
  return dateFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(date)
}

/** Today's date ('YYYY-MM-DD') in the UK, where every network is, whatever the server's time zone. */
export function ukDate(at: Date): string {
  return dateFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}
