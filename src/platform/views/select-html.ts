import { escapeHtml } from './escape-html.js'

/**
 * The GOV.UK select's markup written out, for filter forms whose options are many (work lists): the same HTML as
 * `govukSelect` given a label and items, without hint or error message, which filters don't have (decision 0018).
 */

export interface SelectItem {
  value: string
  text: string
  selected?: boolean
}

export interface SelectParams {
  id: string
  name: string
  label: string
  items: SelectItem[]
  classes?: string
}

export function selectHtml(params: SelectParams): string {
  const id = escapeHtml(params.id)
  const classes = params.classes ? ` ${params.classes}` : ''
  let html = `<div class="govuk-form-group">\n<label class="govuk-label" for="${id}">${escapeHtml(params.label)}</label>\n`
  html += `<select class="govuk-select${classes}" id="${id}" name="${escapeHtml(params.name)}">\n`
  for (const item of params.items) {
    html += `<option value="${escapeHtml(item.value)}"${item.selected ? ' selected' : ''}>${escapeHtml(item.text)}</option>\n`
  }
  return `${html}</select>\n</div>`
}
