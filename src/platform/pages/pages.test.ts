import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { testApp } from '../../../test/support/app.js'
import { BrowserClient } from '../../../test/support/browser-client.js'

describe('pages every visitor can reach', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('reports health after checking the database', async () => {
    const response = await app.server.inject('/healthz')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
  })

  it('shows a 404 page without internals for an unknown address', async () => {
    const response = await app.server.inject('/no/such/page')
    expect(response.statusCode).toBe(404)
    expect(response.body).toContain('Page not found')
    expect(response.body).not.toMatch(/at .*\.ts:\d+/)
  })

  it('switches to Welsh, keeps you on the page and marks it lang="cy"', async () => {
    const browser = new BrowserClient(app.server)
    const switched = await browser.get('/accessibility?lang=cy')
    expect(switched.status).toBe(303)
    expect(switched.location).toBe('/accessibility')
    const page = await browser.get('/accessibility')
    expect(page.body).toContain('<html lang="cy"')
    expect(page.body).toContain('Datganiad hygyrchedd')
  })

  it('sends a content security policy with a nonce for the page script', async () => {
    const response = await app.server.inject('/accessibility')
    const policy = String(response.headers['content-security-policy'])
    const nonce = /nonce="([^"]+)"/.exec(response.body)?.[1]
    expect(nonce).toBeDefined()
    expect(policy).toContain(`'nonce-${nonce}'`)
    expect(response.body).not.toContain('govuk-header__logotype')
  })
})
