import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { networkWithPeople, organisationFactory } from '../../../test/factories.js'
import { testApp } from '../../../test/support/app.js'
import { signIn } from '../../../test/support/sign-in.js'

const namesOn = (body: string): string[] => [...body.matchAll(/href="\/organisations\/[0-9a-f-]{36}">([^<]+)</g)].map((match) => match[1])

describe('the organisations list', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('shows 50 a page in name order, with links that keep the filter', async () => {
    const { network, referrer } = await networkWithPeople()
    for (let n = 0; n < 55; n++) {
      await organisationFactory.create({ networkId: network.id, name: `Zeta Project ${String(n).padStart(2, '0')}`, type: 'foodbank' })
    }
    const browser = await signIn(app, referrer)

    const first = await browser.get('/organisations?q=zeta')
    expect(namesOn(first.body)).toHaveLength(50)
    expect(namesOn(first.body)[0]).toBe('Zeta Project 00')
    expect(first.body).toContain('Showing 1 to 50 of 55')
    expect(first.body).toContain('href="/organisations?q=zeta&amp;page=2"')

    const second = await browser.get('/organisations?q=zeta&page=2')
    expect(namesOn(second.body)).toEqual(['Zeta Project 50', 'Zeta Project 51', 'Zeta Project 52', 'Zeta Project 53', 'Zeta Project 54'])
  })

  it('filters by type and by part of the name, and says when nothing matches', async () => {
    const { network, organisation, referrer } = await networkWithPeople()
    await organisationFactory.create({ networkId: network.id, name: 'Northbank Foodbank', type: 'foodbank' })
    const browser = await signIn(app, referrer)

    expect(namesOn((await browser.get('/organisations?type=foodbank')).body)).toEqual(['Northbank Foodbank'])
    expect(namesOn((await browser.get('/organisations?q=NORTHBANK')).body)).toEqual(['Northbank Foodbank'])
    expect(namesOn((await browser.get('/organisations')).body)).toEqual(expect.arrayContaining([organisation.name, 'Northbank Foodbank']))
    expect((await browser.get('/organisations?q=%25')).body).toContain('No organisations match your search.')
    expect((await browser.get('/organisations?page=abc&type=nonsense')).status).toBe(200)
  })
})
