import { describe, expect, it } from 'vitest'
import { parsePostcode } from './postcode.js'
import { boundingBox } from './postcodes.repository.js'

describe('postcodes', () => {
  it('normalises what people type and gives the outward code and district', () => {
    expect(parsePostcode(' e1w1aa ')).toEqual({ postcode: 'E1W 1AA', outcode: 'E1W', district: 'E1' })
    expect(parsePostcode('sw1a 2aa')).toEqual({ postcode: 'SW1A 2AA', outcode: 'SW1A', district: 'SW1' })
    expect(parsePostcode('M1 1AE')).toEqual({ postcode: 'M1 1AE', outcode: 'M1', district: 'M1' })
  })

  it('refuses what is not a postcode', () => {
    expect(parsePostcode('E1')).toBeNull()
    expect(parsePostcode('hello')).toBeNull()
    expect(parsePostcode('')).toBeNull()
  })

  it('draws a bounding box that holds the distance asked for', () => {
    const box = boundingBox(51.5, -0.1, 10)
    expect(box.maxLatitude - 51.5).toBeCloseTo(0.0899, 3)
    expect(box.maxLongitude + 0.1).toBeGreaterThan(0.0899)
  })
})
