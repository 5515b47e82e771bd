import { existsSync } from 'node:fs'
import { describe } from 'vitest'
import { chromium, type Browser } from 'playwright-core'

/** Debian's Chromium: the journeys drive the browser the machine already has, never a downloaded one. */
export const chromiumPath = '/usr/bin/chromium'

const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/**
 * Why the journeys cannot run here, or undefined when they can. On a machine with only Node they are
 * skipped with this reason; in CI (CI=true) they are never skipped, so a missing Chromium fails the run.
 */
export function chromiumSkipReason(): string | undefined {
  if (existsSync(chromiumPath)) return undefined
  if (process.env.CI) return undefined
  return `Chromium is not installed at ${chromiumPath} (Debian: apt-get install chromium)`
}

/** A suite of browser journeys: skipped with the reason in its title when Chromium is missing outside CI. */
export function describeJourney(title: string, body: () => void): void {
  const reason = chromiumSkipReason()
  if (reason) describe.skip(`${title} — skipped: ${reason}`, body)
  else describe(title, body)
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Browser journeys need Chromium at ${chromiumPath}; .ci/run installs it (apt-get install chromium)`)
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: launchArgs })
}
