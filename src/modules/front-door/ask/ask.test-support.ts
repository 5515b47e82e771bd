import type { FastifyInstance } from 'fastify'
import { addMembership, networkFactory, organisationFactory, userFactory } from '../../../../test/factories.js'
import type { PublicLanguage } from '../../../platform/i18n/i18n.js'

export interface Response {
  status: number
  body: string
  location?: string
  headers: Record<string, string | string[] | number | undefined>
}

/**
 * A resident's browser without JavaScript, from one client address: keeps cookies, takes the CSRF token from the
 * form it was shown, posts url-encoded forms (several values for a name allowed).
 */
export class Resident {
  private readonly cookies = new Map<string, string>()
  private token = ''

  constructor(
    private readonly server: FastifyInstance,
    private readonly address = '203.0.113.10',
  ) {}

  async get(url: string): Promise<Response> {
    const response = await this.send('GET', url)
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1]
    if (token) this.token = token
    return response
  }

  async post(url: string, fields: Record<string, string | string[]> = {}): Promise<Response> {
    const body = new URLSearchParams()
    for (const [key, value] of Object.entries({ _csrf: this.token, ...fields })) for (const one of [value].flat()) body.append(key, one)
    return this.send('POST', url, body.toString())
  }

  /** Opens the page, then submits its form. */
  async answer(url: string, fields: Record<string, string | string[]> = {}): Promise<Response> {
    await this.get(url)
    return this.post(url, fields)
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name)
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  private async send(method: 'GET' | 'POST', url: string, payload?: string): Promise<Response> {
    const response = await this.server.inject({
      method,
      url,
      payload,
      remoteAddress: this.address,
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(payload !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    })
    for (const cookie of response.cookies) {
      if (cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
    return { status: response.statusCode, body: response.body, location: response.headers.location as string | undefined, headers: response.headers }
  }
}

/** A network with a front-door organisation (and one of its staff) and another organisation. */
export async function networkWithFrontDoor() {
  const network = await networkFactory.create()
  const frontDoor = await organisationFactory.create({ networkId: network.id, name: `Council Customer Team ${network.slug}`, frontDoor: true })
  const other = await organisationFactory.create({ networkId: network.id })
  const worker = await userFactory.create()
  await addMembership(worker, frontDoor, 'referrer')
  const outsider = await userFactory.create()
  await addMembership(outsider, other, 'referrer')
  return { network, frontDoor, other, worker, outsider }
}

export interface AskAnswers {
  issue?: string[]
  need?: string
  postcode?: string
  name?: string
  contactMethod?: 'phone' | 'text' | 'email'
  phone?: string
  email?: string
  contactTimes?: string
  safeToLeaveMessage?: 'yes' | 'no'
  language?: string
  interpreterNeeded?: 'yes'
  contactDifficulties?: string
}

/** Goes through every question page, as a person would; returns the response to the last one (→ check). */
export async function answerEverything(resident: Resident, slug: string, language: PublicLanguage, answers: AskAnswers): Promise<Response> {
  const base = `/help/${slug}/${language}/ask`
  await resident.get(base)
  const started = await resident.post(base)
  if (started.status !== 303) throw new Error(`start: ${started.status}`)
  const pick = (names: (keyof AskAnswers)[]) => Object.fromEntries(names.flatMap((name) => (answers[name] === undefined ? [] : [[name, answers[name] as string | string[]]])))
  const steps: [string, (keyof AskAnswers)[]][] = [
    ['need', ['issue', 'need']],
    ['postcode', ['postcode']],
    ['name', ['name']],
    ['contact-method', ['contactMethod']],
    ['contact-details', ['phone', 'email']],
    ['contact-times', ['contactTimes']],
    ['message', ['safeToLeaveMessage']],
    ['language', ['language', 'interpreterNeeded']],
    ['contact-difficulties', ['contactDifficulties']],
  ]
  let last: Response | undefined
  for (const [question, names] of steps) {
    last = await resident.answer(`${base}/${question}`, pick(names))
    if (last.status !== 303) throw new Error(`${question}: ${last.status}\n${last.body.slice(0, 2000)}`)
  }
  return last as Response
}
