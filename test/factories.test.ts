import { describe, expect, it } from 'vitest'
import { networkWithPeople } from './factories.js'
import { currentCode } from './support/totp.js'

describe('factories', () => {
  it('make a network with a person in every role, each test its own', async () => {
    const first = await networkWithPeople()
    const second = await networkWithPeople()
    expect(first.network.id).not.toBe(second.network.id)
    expect(first.organisation.networkId).toBe(first.network.id)
    expect(first.admin.totpSecretPlain).toBeDefined()
    expect(currentCode(first.admin.totpSecretPlain!)).toMatch(/^\d{6}$/)
  })
})
