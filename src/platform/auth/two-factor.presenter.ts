import QRCode from 'qrcode'

/**
 * The QR code as inline SVG: drawn on the server, so no image request and nothing the CSP must allow.
 * The label is escaped and announced to screen readers; the secret is also shown as text.
 */
export async function qrCodeSvg(uri: string, label: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
  const escaped = label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" width="200" height="200" class="app-qr-code" `)
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret
}
