import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../../test/support/database.js'
import { percentileOfCounts } from './percentile.js'

/** The hub works out the median and 90th percentile from counts of each value; PostgreSQL's percentile_cont is the yardstick. */
describe('percentiles from counts of each value', () => {
  it('gives what percentile_cont gives over the values themselves', async () => {
    const database = await testDatabase()
    const samples = [[3], [0, 0, 1], [2, 3, 1, 2, 3, 4, 10], [5, 5, 5, 5, 6], Array.from({ length: 101 }, (_, i) => (i * 37) % 23)]
    for (const values of samples) {
      const counts = [...new Set(values)].map((value) => ({ value, count: values.filter((one) => one === value).length }))
      for (const fraction of [0.5, 0.9]) {
        const { rows } = await database.executeSql('select percentile_cont($2::float8) within group (order by v) as p from unnest($1::int[]) as v', [values, fraction])
        expect(percentileOfCounts(counts, fraction)).toBeCloseTo(Number((rows[0] as { p: number }).p), 9)
      }
    }
  })

  it('has no value when nobody was contacted', () => {
    expect(percentileOfCounts([], 0.5)).toBeNull()
    expect(percentileOfCounts([{ value: 4, count: 0 }], 0.9)).toBeNull()
  })
})
