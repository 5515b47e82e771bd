import nunjucks from 'nunjucks'
import { describe, expect, it } from 'vitest'
import { escapeHtml } from './escape-html.js'
import { nunjucksOptions, templatePaths } from './nunjucks.js'
import { tableHtml, type TableParams } from './table-html.js'

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatePaths), nunjucksOptions)
const macro = (params: TableParams): string =>
  env.renderString('{% from "govuk/components/table/macro.njk" import govukTable %}{{ govukTable(params) }}', { params })
// The macro's indentation differs; the markup must not.
const normalised = (html: string): string => html.replace(/\s+/g, ' ').replace(/> </g, '><').trim()

describe('tableHtml', () => {
  it('writes the same markup as the govukTable macro, escaping text and keeping html', () => {
    const params: TableParams = {
      caption: 'Incoming <referrals>',
      captionClasses: 'govuk-visually-hidden',
      classes: 'govuk-table--small-text-until-tablet',
      attributes: { 'data-testid': 'referrals' },
      head: [{ text: 'Client & family' }, { html: '<a href="/x?a=1&amp;b=2">Sent</a>', attributes: { 'aria-sort': 'none' } }],
      rows: [
        [{ text: `O'Brien <script>` }, { html: '<strong class="govuk-tag">New</strong>' }],
        [{ text: 'Mo' }, { text: '"quoted"' }],
      ],
    }
    expect(normalised(tableHtml(params))).toBe(normalised(macro(params)))
    expect(tableHtml(params)).toContain('O&#39;Brien &lt;script&gt;')
  })

  it('escapes an attribute value', () => {
    expect(tableHtml({ caption: 'c', head: [{ text: 'h', attributes: { title: '"x"' } }], rows: [] })).toContain('title="&quot;x&quot;"')
  })
})

describe('escapeHtml', () => {
  it('escapes the five characters and leaves other text alone', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;')
    expect(escapeHtml('Plain text, nothing to do')).toBe('Plain text, nothing to do')
  })
})
