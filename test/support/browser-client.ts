import type { FastifyInstance } from 'fastify'

export interface PageResponse {
  status: number
  body: string
  location?: string
  headers: Record<string, string | string[] | number | undefined>
}

/**
 * Talks to the app as a browser without JavaScript would: keeps cookies, reads the CSRF token
 * from the form it was shown, and submits url-encoded forms.
 */
export class BrowserClient {
  private cookies = new Map<string, string>()
  lastPage?: PageResponse

  constructor(private readonly server: FastifyInstance) {}

  async get(url: string): Promise<PageResponse> {
    return this.request('GET', url)
  }

  /** A download as bytes (a spreadsheet is not text). */
  async download(url: string): Promise<{ status: number; bytes: Buffer; headers: PageResponse['headers'] }> {
    const response = await this.server.inject({
      method: 'GET',
      url,
      headers: { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    })
    return { status: response.statusCode, bytes: response.rawPayload, headers: response.headers }
  }

  /** Loads the page with the form, then submits it with the given fields and the page's CSRF token. */
  async submit(pageUrl: string, fields: Record<string, string | string[]>, action?: string): Promise<PageResponse> {
    const page = await this.get(pageUrl)
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1]
    if (!token) throw new Error(`no CSRF token on ${pageUrl} (status ${page.status})`)
    return this.post(action ?? pageUrl, { ...fields, _csrf: token })
  }

  async post(url: string, fields: Record<string, string | string[]>): Promise<PageResponse> {
    const body = new URLSearchParams()
    for (const [key, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) body.append(key, one)
    }
    return this.request('POST', url, body.toString())
  }

  /** Loads the page with the form, then submits it as multipart/form-data with files and the page's CSRF token. */
  async upload(pageUrl: string, fields: Record<string, string>, files: { field: string; name: string; content: string | Buffer }[], action?: string): Promise<PageResponse> {
    const page = await this.get(pageUrl)
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1]
    if (!token) throw new Error(`no CSRF token on ${pageUrl} (status ${page.status})`)
    const boundary = `----nwd${Date.now().toString(16)}`
    const parts: Buffer[] = []
    for (const [name, value] of Object.entries({ _csrf: token, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
    }
    for (const file of files) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`))
      parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content), Buffer.from('\r\n'))
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`))
    return this.request('POST', action ?? pageUrl, Buffer.concat(parts), `multipart/form-data; boundary=${boundary}`)
  }

  /** Follows redirects like a browser until a page is shown. */
  async follow(response: PageResponse): Promise<PageResponse> {
    let current = response
    for (let hops = 0; current.location && hops < 10; hops++) current = await this.get(current.location)
    return current
  }

  private async request(method: 'GET' | 'POST', url: string, payload?: string | Buffer, contentType = 'application/x-www-form-urlencoded'): Promise<PageResponse> {
    const response = await this.server.inject({
      method,
      url,
      payload,
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(payload !== undefined ? { 'content-type': contentType } : {}),
      },
    })
    for (const cookie of response.cookies) {
      if (cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
    const result: PageResponse = {
      status: response.statusCode,
      body: response.body,
      location: response.headers.location as string | undefined,
      headers: response.headers,
    }
    this.lastPage = result
    return result
  }
}
