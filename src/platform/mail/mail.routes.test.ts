import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { testApp } from '../../../test/support/app.js'
import { BrowserClient } from '../../../test/support/browser-client.js'
import { networkFactory } from '../../../test/factories.js'
import { queueMail } from './mail.js'

const id8 = (): string => randomUUID().slice(0, 8)
const someone = (): string => `someone-${id8()}@example.org`

describe('development mailbox', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  async function invite(to: string, name: string, networkName: string): Promise<{ id: string; networkId: string }> {
    const network = await networkFactory.create()
    const id = await queueMail(app.services.deps.db, {
      networkId: network.id,
      to,
      template: 'invitation',
      language: 'en',
      data: { name, inviterName: 'Ada', organisationName: 'Foodbank', networkName, link: `http://localhost:3000/invitations/${id8()}`, expires: '1 May 2031' },
    })
    return { id, networkId: network.id }
  }

  it('lists locally delivered messages, newest first', async () => {
    const first = someone()
    const second = someone()
    const older = await invite(first, 'Bo', `Older ${id8()}`)
    await invite(second, 'Cy', `Newer ${id8()}`)
    await app.services.mail.deliverPending({ networkId: older.networkId })

    const page = await app.server.inject('/dev/mailbox')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('This is the development mailbox')
    const firstAt = page.body.indexOf(first)
    const secondAt = page.body.indexOf(second)
    expect(firstAt).toBeGreaterThan(-1)
    expect(secondAt).toBeGreaterThan(-1)
    expect(secondAt).toBeLessThan(firstAt)
    // The delivered one says so; the other is still waiting (nothing delivered its network yet).
    const rowOf = (address: string): string => page.body.slice(page.body.indexOf(address), page.body.indexOf('</tr>', page.body.indexOf(address)))
    expect(rowOf(first)).toContain('Delivered')
    expect(rowOf(second)).toContain('Waiting')
    expect(page.body).toContain(`href="/dev/mailbox/${older.id}"`)
    expect((await app.services.mail.findMailboxMessage(older.id))?.transport).toBe('local')
  })

  it('shows a message with its links clickable and everything else escaped', async () => {
    const to = someone()
    const { id, networkId } = await invite(to, '<script>alert(1)</script>', 'Riverside')
    await app.services.mail.deliverPending({ networkId })

    const page = await app.server.inject(`/dev/mailbox/${id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toMatch(/<a class="govuk-link" href="http:\/\/localhost:3000\/invitations\/[0-9a-f]{8}">http:\/\/localhost:3000\/invitations\/[0-9a-f]{8}<\/a>/)
    expect(page.body).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,')
    expect(page.body).not.toContain('<script>alert(1)')
    expect(page.body).toContain(to)
    expect(page.body).toContain('You have been invited to join Riverside')
  })

  it('is in Welsh for a Welsh reader', async () => {
    const browser = new BrowserClient(app.server)
    await browser.get('/dev/mailbox?lang=cy')
    const page = await browser.get('/dev/mailbox')
    expect(page.body).toContain('<html lang="cy"')
    expect(page.body).toContain('Blwch post datblygu')
  })

  it('answers 404 for a message that does not exist', async () => {
    expect((await app.server.inject(`/dev/mailbox/${randomUUID()}`)).statusCode).toBe(404)
    expect((await app.server.inject('/dev/mailbox/not-an-id')).statusCode).toBe(404)
  })
})

describe('development mailbox with a real mail transport', () => {
  it('does not exist when SMTP_URL is set', async () => {
    const app = await testApp({ config: { SMTP_URL: 'smtp://127.0.0.1:2525' } })
    try {
      expect((await app.server.inject('/dev/mailbox')).statusCode).toBe(404)
      expect((await app.server.inject(`/dev/mailbox/${randomUUID()}`)).statusCode).toBe(404)
    } finally {
      await app.server.close()
    }
  })

  it('does not exist when GOV.UK Notify is set up', async () => {
    const app = await testApp({ config: { NOTIFY_API_KEY: `test-${randomUUID()}-${randomUUID()}`, NOTIFY_EMAIL_TEMPLATE_ID: randomUUID() } })
    try {
      expect((await app.server.inject('/dev/mailbox')).statusCode).toBe(404)
    } finally {
      await app.server.close()
    }
  })
})
