import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addWorkingDays, isWorkingDay, ukDate, workingDaysBetween } from './working-days.js'

// Expected dates are worked out by hand from the GOV.UK bank holiday calendars, not from the library.
describe('working days', () => {
  describe('across Christmas and New Year', () => {
    it('in England: 8 working days from Monday 22 December 2025 skip Christmas, Boxing Day, New Year and two weekends', () => {
      expect(addWorkingDays('2025-12-22', 8, 'england')).toBe('2026-01-06')
    })

    it('counts back as well: 8 working days before 6 January 2026 is 22 December 2025', () => {
      expect(addWorkingDays('2026-01-06', -8, 'england')).toBe('2025-12-22')
    })

    it('in Scotland: 2 January is a bank holiday too, so the same referral is due a day later', () => {
      expect(addWorkingDays('2025-12-22', 8, 'scotland')).toBe('2026-01-07')
      expect(isWorkingDay('2026-01-02', 'scotland')).toBe(false)
      expect(isWorkingDay('2026-01-02', 'england')).toBe(true)
    })

    it('counts substitute days when Christmas, Boxing Day or 2 January fall at a weekend', () => {
      // Boxing Day 2026 is a Saturday: Monday 28 December is the substitute day.
      expect(addWorkingDays('2026-12-24', 1, 'england')).toBe('2026-12-29')
      // Christmas 2027 is a Saturday and Boxing Day a Sunday: Monday 27 and Tuesday 28 are both off.
      expect(addWorkingDays('2027-12-23', 2, 'england')).toBe('2027-12-29')
      // 2 January 2027 is a Saturday: Scotland takes Monday 4 January off; England does not.
      expect(addWorkingDays('2026-12-31', 1, 'england')).toBe('2027-01-04')
      expect(addWorkingDays('2026-12-31', 1, 'scotland')).toBe('2027-01-05')
    })
  })

  describe('across Easter 2026 (Good Friday 3 April, Easter Monday 6 April)', () => {
    it('in England and Wales both Good Friday and Easter Monday are bank holidays', () => {
      expect(addWorkingDays('2026-04-02', 2, 'england')).toBe('2026-04-08')
      expect(addWorkingDays('2026-04-01', 8, 'england')).toBe('2026-04-15')
      expect(addWorkingDays('2026-04-01', 8, 'wales')).toBe('2026-04-15')
    })

    it('in Scotland Easter Monday is a working day', () => {
      expect(addWorkingDays('2026-04-02', 2, 'scotland')).toBe('2026-04-07')
      expect(addWorkingDays('2026-04-01', 8, 'scotland')).toBe('2026-04-14')
    })
  })

  it("skips St Andrew's Day in Scotland, and its substitute Monday when 30 November is a Sunday", () => {
    // 30 November 2025 is a Sunday: Monday 1 December is the substitute day in Scotland only.
    expect(addWorkingDays('2025-11-28', 1, 'scotland')).toBe('2025-12-02')
    expect(addWorkingDays('2025-11-28', 1, 'england')).toBe('2025-12-01')
    // 30 November 2026 is a Monday.
    expect(isWorkingDay('2026-11-30', 'scotland')).toBe(false)
    expect(isWorkingDay('2026-11-30', 'england')).toBe(true)
  })

  it("skips St Patrick's Day in Northern Ireland", () => {
    expect(addWorkingDays('2026-03-16', 1, 'northern_ireland')).toBe('2026-03-18')
    expect(addWorkingDays('2026-03-16', 1, 'england')).toBe('2026-03-17')
  })

  it('skips a weekend', () => {
    expect(addWorkingDays('2025-06-06', 1, 'england')).toBe('2025-06-09')
    expect(addWorkingDays('2025-06-07', 1, 'england')).toBe('2025-06-09')
    expect(addWorkingDays('2025-06-06', 8, 'england')).toBe('2025-06-18')
    expect(isWorkingDay('2025-06-07', 'england')).toBe(false)
    expect(isWorkingDay('2025-06-08', 'scotland')).toBe(false)
  })

  it('counts working days between two dates, the first not counted', () => {
    expect(workingDaysBetween('2025-12-22', '2026-01-06', 'england')).toBe(8)
    expect(workingDaysBetween('2025-12-22', '2026-01-07', 'scotland')).toBe(8)
    expect(workingDaysBetween('2025-06-06', '2025-06-09', 'england')).toBe(1)
    expect(workingDaysBetween('2025-06-06', '2025-06-08', 'england')).toBe(0)
    expect(workingDaysBetween('2025-06-09', '2025-06-09', 'england')).toBe(0)
    expect(workingDaysBetween('2025-06-10', '2025-06-09', 'england')).toBe(0)
  })

  it("takes today's date in the UK, not in UTC", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(ukDate(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01')
    expect(ukDate(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31')
  })
})

describe('counting working days', () => {
  const nations = ['england', 'wales', 'scotland', 'northern_ireland'] as const
  const dates = fc.integer({ min: 0, max: 4 * 365 }).map((offset) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10))

  it('counts back exactly the working days added, whatever the start and nation', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 300 }), fc.constantFrom(...nations), (from, days, nation) => {
        expect(workingDaysBetween(from, addWorkingDays(from, days, nation), nation)).toBe(days)
      }),
    )
  })

  it('agrees with checking each day in turn, and is 0 when the end is not after the start', () => {
    fc.assert(
      fc.property(dates, dates, fc.constantFrom(...nations), (from, to, nation) => {
        let stepped = 0
        for (let day = from; day < to; ) {
          day = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
          if (isWorkingDay(day, nation)) stepped += 1
        }
        expect(workingDaysBetween(from, to, nation)).toBe(stepped)
      }),
    )
  })
})
