/** The sender's own id for a message, so a retried send stores it once. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return `inb_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}
