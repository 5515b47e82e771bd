const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const special = /[&<>"']/
const specials = /[&<>"']/g

/** Text made safe for HTML content and attribute values. Most text has nothing to escape, so that is checked first. */
export function escapeHtml(value: string): string {
  return special.test(value) ? value.replace(specials, (c) => entities[c]) : value
}
