import { benchPassword } from './seed.js'

/** Signs in through the real form; the cookie header that comes back is the session. */
export async function signIn(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>()
  const remember = (response: Response): void => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const [key, ...value] = pair.split('=')
      jar.set(key, value.join('='))
    }
  }
  const cookieHeader = (): string => [...jar].map(([key, value]) => `${key}=${value}`).join('; ')
  const form = await fetch(`${base}/sign-in`)
  remember(form)
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
    body: new URLSearchParams({ email, password: benchPassword, _csrf: token }).toString(),
  })
  remember(response)
  if (response.status !== 303 && response.status !== 302) throw new Error(`sign-in as ${email} failed with ${response.status}`)
  return cookieHeader()
}
