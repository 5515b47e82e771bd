import nunjucks from 'nunjucks'
import { describe, expect, it } from 'vitest'
import { nunjucksOptions, templatePaths } from './nunjucks.js'
import { selectHtml, type SelectParams } from './select-html.js'

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatePaths), nunjucksOptions)
const macro = (params: SelectParams): string =>
  env.renderString('{% from "govuk/components/select/macro.njk" import govukSelect %}{{ govukSelect(params) }}', {
    params: { ...params, label: { text: params.label } },
  })
// The macro's indentation differs; the markup must not.
const normalised = (html: string): string => html.replace(/\s+/g, ' ').replace(/>\s+/g, '>').replace(/\s+</g, '<').replace(/ >/g, '>').trim()

describe('selectHtml', () => {
  it('writes the same markup as the govukSelect macro, escaping values and text, marking the chosen one', () => {
    const params: SelectParams = {
      id: 'service',
      name: 'service',
      label: 'Service <for>',
      classes: 'govuk-!-width-full',
      items: [
        { value: '', text: 'Any service' },
        { value: 'a"b', text: `Tom & Jerry's`, selected: true },
        { value: 'c', text: 'Plain', selected: false },
      ],
    }
    expect(normalised(selectHtml(params))).toBe(normalised(macro(params)))
    expect(selectHtml(params)).toContain('<option value="a&quot;b" selected>Tom &amp; Jerry&#39;s</option>')
  })
})
