import { describe, expect, it } from 'vitest'
import { developmentDefaults, loadConfig } from './config.js'

const productionSecrets = {
  NODE_ENV: 'production',
  BASE_URL: 'https://help.example.org',
  SESSION_SECRET: 'a-real-secret-that-is-long-enough-for-production',
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  SMTP_URL: 'smtp://mail.example.org:587',
}

describe('configuration', () => {
  it('starts in development with nothing set', () => {
    const config = loadConfig({})
    expect(config.PORT).toBe(3000)
    expect(config.DATA_DIR).toBe('./data')
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.BASE_URL).toBe('http://localhost:3000')
  })

  it('accepts a complete production configuration', () => {
    expect(loadConfig(productionSecrets).SECURE_COOKIES).toBe(true)
  })

  it.each(Object.keys(developmentDefaults))('refuses production with the development %s', (name) => {
    const env = { ...productionSecrets, [name]: developmentDefaults[name as keyof typeof developmentDefaults] }
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}: must be set in production`))
  })

  it('refuses production without a way to send mail or a public address', () => {
    const { SMTP_URL: _smtp, BASE_URL: _base, ...rest } = productionSecrets
    expect(() => loadConfig(rest)).toThrow(/BASE_URL: must be set in production/)
    expect(() => loadConfig(rest)).toThrow(/SMTP_URL: SMTP_URL or NOTIFY_API_KEY must be set in production/)
  })

  it('names the variable that is wrong without echoing its value', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://secret@host/db' })).toThrow(/PORT[\s\S]*DATABASE_URL/)
    try {
      loadConfig({ DATABASE_URL: 'mysql://secret@host/db' })
    } catch (error) {
      expect(String(error)).not.toContain('secret@host')
    }
  })

  it('refuses an encryption key of the wrong length', () => {
    expect(() => loadConfig({ ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/ENCRYPTION_KEY/)
  })
})
