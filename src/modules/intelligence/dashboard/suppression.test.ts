import { describe, expect, it } from 'vitest'
import type { HubCell } from '../hub-table.js'
import { countCell, protectColumn, rateCell, statisticCell } from './suppression.js'

const fewer = { suppressed: true }

describe('small-number suppression', () => {
  it('hides counts of 1 to 4 only where asked, and never 0 or 5', () => {
    expect([0, 1, 4, 5, 120].map((count) => countCell(count, true))).toEqual([0, fewer, fewer, 5, 120])
    expect(countCell(3, false)).toBe(3)
  })

  it('withholds a rate whose denominator is under 5 or whose numerator is a small count', () => {
    expect(rateCell(3, 4, true)).toEqual(fewer)
    expect(rateCell(2, 10, true)).toEqual(fewer)
    expect(rateCell(0, 10, true)).toBe(0)
    expect(rateCell(6, 9, true)).toBe(66.7)
    expect(rateCell(1, 3, false)).toBe(33.3)
    expect(rateCell(0, 0, true)).toBeNull()
  })

  it('withholds a median of fewer than 5 referrals', () => {
    expect(statisticCell(2.5, 4, true)).toEqual(fewer)
    expect(statisticCell(2.54, 5, true)).toBe(2.5)
    expect(statisticCell(null, 0, true)).toBeNull()
  })

  it('hides the next smallest count when only one would be hidden, so subtraction gives nothing back', () => {
    const one: Record<string, HubCell>[] = [{ n: 40 }, { n: countCell(2, true) }, { n: 0 }, { n: 7 }]
    protectColumn(one, 'n')
    expect(one.map((row) => row.n)).toEqual([40, fewer, 0, fewer])
    const two: Record<string, HubCell>[] = [{ n: countCell(1, true) }, { n: countCell(3, true) }, { n: 9 }]
    protectColumn(two, 'n')
    expect(two.map((row) => row.n)).toEqual([fewer, fewer, 9])
  })
})
