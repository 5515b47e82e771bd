import type { Page } from 'playwright-core'
import { PageObject, visit } from './page-object.js'

/** The accessibility statement, linked from every page's footer. */
export class AccessibilityStatementPage extends PageObject {
  readonly address = /^\/accessibility$/

  static open(page: Page): Promise<AccessibilityStatementPage> {
    return visit(page, '/accessibility', AccessibilityStatementPage)
  }
}

/** The privacy notice, linked from every page's footer. */
export class PrivacyNoticePage extends PageObject {
  readonly address = /^\/privacy$/

  static open(page: Page): Promise<PrivacyNoticePage> {
    return visit(page, '/privacy', PrivacyNoticePage)
  }
}

/** What anyone sees at an address that does not exist. */
export class PageNotFoundPage extends PageObject {
  readonly address = /.*/
  override readonly expectedStatus = 404

  static open(page: Page, address: string): Promise<PageNotFoundPage> {
    return visit(page, address, PageNotFoundPage)
  }

  async goHome(): Promise<void> {
    await this.navigateBy(() => this.page.getByRole('main').getByRole('link', { name: /home|hafan/i }).click())
  }
}
