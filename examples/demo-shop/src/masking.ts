/** How buyer details look outside the shop: enough to recognise, not enough to use. */

/** `li@example.com` → `l*@example.com`; the single `*` hides the length of the name. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return maskContact(email)
  return `${email.slice(0, 1)}*${email.slice(at)}`
}

/** `13812345678` → `13****78`; short values show nothing. */
export function maskContact(contact: string): string {
  const value = contact.trim()
  if (value.length <= 4) return '****'
  return `${value.slice(0, 2)}****${value.slice(-2)}`
}
