import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../app.js'
import { testConfig } from '../../../test/support/app.js'
import { testDatabase } from '../../../test/support/database.js'
import { BrowserClient } from '../../../test/support/browser-client.js'
import { NotFoundError } from '../errors.js'

describe('error pages', () => {
  let app: App
  beforeAll(async () => {
    app = await buildApp({ config: testConfig(), database: await testDatabase() })
    app.server.get('/test/boom', async () => {
      throw new Error('secret internals at /srv/app/src/thing.ts:42')
    })
    app.server.get('/test/elsewhere', async () => {
      throw new NotFoundError()
    })
    app.server.post('/test/form', async () => ({ saved: true }))
    await app.server.ready()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('shows a plain 500 page and never the error or its stack', async () => {
    const response = await app.server.inject('/test/boom')
    expect(response.statusCode).toBe(500)
    expect(response.body).toContain('Sorry, there is a problem with the service')
    expect(response.body).not.toContain('secret internals')
    expect(response.body).not.toContain('thing.ts')
  })

  it('turns a domain not-found into the 404 page', async () => {
    const response = await app.server.inject('/test/elsewhere')
    expect(response.statusCode).toBe(404)
    expect(response.body).toContain('Page not found')
  })

  it('refuses a form posted without its CSRF token', async () => {
    const response = await app.server.inject({
      method: 'POST',
      url: '/test/form',
      payload: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(response.statusCode).toBe(403)
    expect(response.body).toContain('Your form has expired')
    expect(response.body).not.toContain('saved')
  })

  it('shows the error page in Welsh for a Welsh reader', async () => {
    const browser = new BrowserClient(app.server)
    await browser.get('/accessibility?lang=cy')
    const page = await browser.get('/no/such/page')
    expect(page.status).toBe(404)
    expect(page.body).toContain('<html lang="cy"')
    expect(page.body).toContain('Heb ddod o hyd i’r dudalen')
  })
})
