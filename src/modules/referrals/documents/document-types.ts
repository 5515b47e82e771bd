import { fileTypeFromBuffer } from 'file-type'

/** The largest file a worker may attach: 10 MB. */
export const maxDocumentBytes = 10 * 1024 * 1024

/** What may be attached, by the type read from the bytes (file-type), never from the name a browser sent. */
const accepted = new Map<string, string>([
  ['application/pdf', 'pdf'],
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.oasis.opendocument.text', 'odt'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ods'],
  ['application/msword', 'doc'],
  ['application/vnd.ms-excel', 'xls'],
])

export const acceptedExtensions = [...new Set(accepted.values())]

/**
 * Old Word and Excel files are both OLE compound files ('application/x-cfb' to file-type); their directory
 * names the main stream in UTF-16: 'WordDocument' for Word, 'Workbook' (or 'Book') for Excel.
 */
function compoundFileType(content: Buffer): string | null {
  const utf16 = (name: string) => Buffer.from(name, 'utf16le')
  if (content.includes(utf16('WordDocument'))) return 'application/msword'
  if (content.includes(utf16('Workbook')) || content.includes(utf16('Book\u0000'))) return 'application/vnd.ms-excel'
  return null
}

/** The document's type read from its content, or null if it is not one we accept. */
export async function detectDocumentType(content: Buffer): Promise<{ mediaType: string; extension: string } | null> {
  const detected = await fileTypeFromBuffer(content)
  if (!detected) return null
  const mediaType = detected.mime === 'application/x-cfb' ? compoundFileType(content) : detected.mime
  if (!mediaType) return null
  const extension = accepted.get(mediaType)
  return extension ? { mediaType, extension } : null
}

/** A filename safe for a header and a page: no path, no control characters, the detected extension. */
export function safeFilename(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, 120)
  return `${base || 'document'}.${extension}`
}
