import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { redactPaths } from './logging.js'

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
})
