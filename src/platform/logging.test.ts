import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { loggablePath, redactPaths } from './logging.js'

describe('logs', () => {
  it('never contain passwords, emails, names, tokens or cookies', () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const logger = pino({ redact: { paths: redactPaths, censor: '[redacted]' } }, sink)
    logger.info({ req: { headers: { cookie: 'nwd.sid=abc' } }, user: { email: 'jim@example.org', name: 'Jim Brown', password: 'hunter22' }, token: 'tok123' }, 'sign in')
    const output = lines.join('')
    for (const secret of ['nwd.sid=abc', 'jim@example.org', 'Jim Brown', 'hunter22', 'tok123']) {
      expect(output).not.toContain(secret)
    }
    expect(output).toContain('[redacted]')
  })
  it('log paths without query strings or the secrets in email links', () => {
    expect(loggablePath('/invitations/abc123XYZ')).toBe('/invitations/[redacted]')
    expect(loggablePath('/password-reset/abc123XYZ?x=1')).toBe('/password-reset/[redacted]')
    expect(loggablePath('/organisations?search=Jim+Brown')).toBe('/organisations')
    expect(loggablePath('/password-reset')).toBe('/password-reset')
  })
})
