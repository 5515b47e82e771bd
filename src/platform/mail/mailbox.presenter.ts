import type { Translate } from '../i18n/i18n.js'
import type { OutboxRow } from './outbox.repository.js'

type TagColour = 'grey' | 'green' | 'red'

const statusColours: Record<OutboxRow['status'], TagColour> = { pending: 'grey', sent: 'green', failed: 'red' }

export interface MailboxEntry {
  href: string
  to: string
  subject: string
  /** The message's own language, for the lang attribute where it is shown. */
  language: string
  status: { text: string; colour: TagColour }
  queuedAt: Date
}

export function presentMailbox(messages: OutboxRow[], t: Translate): MailboxEntry[] {
  return messages.map((message) => ({
    href: `/dev/mailbox/${message.id}`,
    to: message.toAddress,
    subject: message.subject,
    language: message.language,
    status: presentStatus(message.status, t),
    queuedAt: message.createdAt,
  }))
}

/** A piece of a line of text: plain text, or a web address to show as a link. */
export interface TextPart {
  text: string
  href?: string
}

export interface MailboxMessage {
  to: string
  subject: string
  language: string
  status: { text: string; colour: TagColour }
  queuedAt: Date
  sentAt: Date | null
  attempts: number
  lastError: string | null
  /** Paragraphs of lines of parts, so the template can show links without trusting any HTML. */
  paragraphs: TextPart[][][]
}

export function presentMailboxMessage(message: OutboxRow, t: Translate): MailboxMessage {
  return {
    to: message.toAddress,
    subject: message.subject,
    language: message.language,
    status: presentStatus(message.status, t),
    queuedAt: message.createdAt,
    sentAt: message.sentAt,
    attempts: message.attempts,
    lastError: message.lastError,
    paragraphs: message.bodyText
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.split('\n').map(linkify)),
  }
}

function presentStatus(status: OutboxRow['status'], t: Translate): { text: string; colour: TagColour } {
  return { text: t(`mailbox:statuses.${status}`), colour: statusColours[status] }
}

const webAddress = /https?:\/\/[^\s<>"']+/g

/**
 * Splits a line into text and http(s) links. Only http and https become links (never javascript: or
 * data:), and the template escapes both the text and the href.
 */
export function linkify(line: string): TextPart[] {
  const parts: TextPart[] = []
  let last = 0
  for (const match of line.matchAll(webAddress)) {
    // A full stop or bracket straight after an address ends the sentence, not the address.
    const href = match[0].replace(/[.,;:!?)\]]+$/, '')
    const start = match.index
    if (start > last) parts.push({ text: line.slice(last, start) })
    parts.push({ text: href, href })
    last = start + href.length
  }
  if (last < line.length || parts.length === 0) parts.push({ text: line.slice(last) })
  return parts
}
