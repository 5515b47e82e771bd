import { escapeHtml } from './escape-html.js'

/**
 * The GOV.UK table's markup written out, for tables of many rows (work lists): the same HTML as `govukTable`
 * given the same head and rows, at a fraction of the macro's cost per cell (decision 0018).
 */

export type TableCell = ({ text: string } | { html: string }) & { attributes?: Record<string, string> }

export interface TableParams {
  caption: string
  captionClasses?: string
  classes?: string
  attributes?: Record<string, string>
  head: TableCell[]
  rows: TableCell[][]
}

function attributesHtml(attributes: Record<string, string> | undefined): string {
  if (!attributes) return ''
  let html = ''
  for (const [name, value] of Object.entries(attributes)) html += ` ${name}="${escapeHtml(value)}"`
  return html
}

const content = (cell: TableCell): string => ('html' in cell ? cell.html : escapeHtml(cell.text))

export function tableHtml(params: TableParams): string {
  const classes = params.classes ? ` ${params.classes}` : ''
  const captionClasses = params.captionClasses ? ` ${params.captionClasses}` : ''
  let html = `<table class="govuk-table${classes}"${attributesHtml(params.attributes)}>\n`
  html += `<caption class="govuk-table__caption${captionClasses}">${escapeHtml(params.caption)}</caption>\n`
  html += '<thead class="govuk-table__head">\n<tr class="govuk-table__row">\n'
  for (const cell of params.head) html += `<th scope="col" class="govuk-table__header"${attributesHtml(cell.attributes)}>${content(cell)}</th>\n`
  html += '</tr>\n</thead>\n<tbody class="govuk-table__body">\n'
  for (const row of params.rows) {
    html += '<tr class="govuk-table__row">\n'
    for (const cell of row) html += `<td class="govuk-table__cell"${attributesHtml(cell.attributes)}>${content(cell)}</td>\n`
    html += '</tr>\n'
  }
  return `${html}</tbody>\n</table>`
}
