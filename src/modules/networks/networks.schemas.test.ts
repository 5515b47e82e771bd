import { describe, expect, it } from 'vitest'
import { isCharityNumber, isCompanyNumber, newOrganisationSchema } from './networks.schemas.js'

describe('charity and company numbers', () => {
  it('accepts the formats of the three charity regulators and nothing else', () => {
    for (const good of ['1082345', '220949', '12345678', '1162345-1', '1162345-12', 'SC012345', 'NIC100001', 'NIC10001']) {
      expect(isCharityNumber(good), good).toBe(true)
    }
    for (const bad of ['12345', '123456789', '1162345-123', 'SC12345', 'SC0123456', 'NIC', 'NI100001', 'abc', '']) {
      expect(isCharityNumber(bad), bad).toBe(false)
    }
  })

  it('accepts 8-character Companies House numbers', () => {
    for (const good of ['01234567', 'SC123456', 'NI654321', 'OC301234', 'RS007654']) expect(isCompanyNumber(good), good).toBe(true)
    for (const bad of ['1234567', '123456789', 'S1234567', 'SC12345', '']) expect(isCompanyNumber(bad), bad).toBe(false)
  })

  it('tidies what people type: spaces, lower case and dropped leading zeros', () => {
    const parsed = newOrganisationSchema.parse({
      name: '  Eastfield Food Hub ',
      type: 'foodbank',
      charityNumber: ' sc 012345 ',
      companyNumber: '1234567',
      adminName: 'Kwame Boateng',
      adminEmail: ' Kwame@Example.ORG ',
    })
    expect(parsed.organisation).toEqual({
      name: 'Eastfield Food Hub',
      type: 'foodbank',
      charityNumber: 'SC012345',
      companyNumber: '01234567',
      statutory: false,
      // Not a front door unless the coordinator says so.
      frontDoor: false,
    })
    expect(parsed.admin).toEqual({ name: 'Kwame Boateng', email: 'kwame@example.org' })
  })
})
