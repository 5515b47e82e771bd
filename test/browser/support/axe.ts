import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/** WCAG 2.2 AA, as the issue asks: every A and AA rule axe has for WCAG 2.0, 2.1 and 2.2. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** Runs axe on the page as it is now and fails listing each violation: rule, impact and where. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze()
  if (results.violations.length === 0) return
  const found = results.violations.map((violation) => {
    const targets = violation.nodes.map((node) => `      at ${node.target.join(' ')}`).join('\n')
    return `  - ${violation.id} (${violation.impact ?? 'impact unknown'}): ${violation.help}\n${targets}`
  })
  throw new Error(`axe found ${results.violations.length} violation(s) on ${page.url()}:\n${found.join('\n')}`)
}
