import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../../test/support/database.js'
import { geocodePostcode } from './postcodes.service.js'
import { importOnsPostcodes, readOnsRow } from './ons-import.js'
import { onsHeader, onsLine, uniquePostcode } from './postcodes.test-support.js'

describe('importing the ONS Postcode Directory', () => {
  it('loads live postcodes with a grid reference and reports every skipped row by line and reason', async () => {
    const { db } = await testDatabase()
    const live = uniquePostcode()
    const another = uniquePostcode()
    const terminated = uniquePostcode()
    const noGrid = uniquePostcode()
    const csv = [
      onsHeader.map((name) => `"${name}"`).join(','),
      onsLine(live, { lat: '51.517330', long: '-0.071590' }),
      onsLine(terminated, { lat: '51.520000', long: '-0.070000', doterm: '201904' }),
      onsLine(noGrid, { lat: '99.999999', long: '0.000000' }),
      onsLine('NOT A CODE', { lat: '51.5', long: '-0.07' }),
      onsLine(another, { lat: '51.500001', long: '-0.100002' }),
    ].join('\r\n')

    const summary = await importOnsPostcodes(db, Readable.from([csv]), { batchSize: 1 })

    expect(summary.loaded).toBe(2)
    expect(summary.skipped).toBe(3)
    expect(summary.reasons).toEqual({
      terminated: { count: 1, lines: [3] },
      'no-grid-reference': { count: 1, lines: [4] },
      'invalid-postcode': { count: 1, lines: [5] },
    })
    const placed = await geocodePostcode(db, live.toLowerCase().replace(' ', ''))
    expect(placed).toMatchObject({ status: 'found', postcode: live, latitude: 51.51733, longitude: -0.07159 })
    expect(await geocodePostcode(db, terminated)).toMatchObject({ status: 'unknown' })
    expect(await geocodePostcode(db, noGrid)).toMatchObject({ status: 'unknown' })
  })

  it('updates a postcode loaded before rather than failing', async () => {
    const { db } = await testDatabase()
    const postcode = uniquePostcode()
    const file = (lat: string): Readable => Readable.from([[onsHeader.join(','), onsLine(postcode, { lat, long: '-1.5' })].join('\n')])
    await importOnsPostcodes(db, file('52.1'))
    await importOnsPostcodes(db, file('52.2'))
    expect(await geocodePostcode(db, postcode)).toMatchObject({ status: 'found', latitude: 52.2 })
  })

  it('refuses a file without the ONS columns before loading anything', async () => {
    const { db } = await testDatabase()
    await expect(importOnsPostcodes(db, Readable.from(['postcode,latitude,longitude\nE1 6AN,51.5,-0.07\n']))).rejects.toThrow(/pcds, lat, long, doterm/)
  })

  it('reads the 2025 layout, where the postcode columns are pcd7 and pcd8 beside pcds', () => {
    expect(readOnsRow({ pcd7: 'E1  6AN', doterm: '', lat: '51.5', long: '-0.07' })).toMatchObject({ ok: true, centroid: { postcode: 'E1 6AN', district: 'E1' } })
  })
})
