import { describe, expect, it } from 'vitest'
import { longDate, ukDate } from './date-format.js'

describe('UK dates', () => {
  it('turns at UK midnight, in summer time and in winter, whichever instant of an hour is asked first', () => {
    // British Summer Time: midnight is 23:00 UTC.
    expect(ukDate(new Date('2026-06-30T23:59:59Z'))).toBe('2026-07-01')
    expect(ukDate(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01')
    expect(ukDate(new Date('2026-06-30T22:59:59Z'))).toBe('2026-06-30')
    expect(ukDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-06-30')
    // Winter: midnight is 00:00 UTC.
    expect(ukDate(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31')
    expect(ukDate(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01')
    // The nights the clocks change (29 March and 25 October 2026).
    expect(ukDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28')
    expect(ukDate(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29')
    expect(ukDate(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25')
    expect(ukDate(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25')
  })

  it('writes a moment out as its UK date', () => {
    expect(longDate(new Date('2026-06-30T23:30:00Z'), 'en')).toBe('1 July 2026')
    expect(longDate(new Date('2026-06-30T12:00:00Z'), 'en')).toBe('30 June 2026')
    expect(longDate('2026-01-03', 'cy')).toBe('3 Ionawr 2026')
  })
})
