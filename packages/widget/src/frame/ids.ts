/** A clientId the server accepts (8–64 of A–Z a–z 0–9 _ -), unique enough to retry safely. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return `w_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** A conversation the buyer started offline, until the server gives it a real id. */
export const newLocalConversationId = () => `new_${newClientId()}`
export const isLocalConversation = (id: string) => id.startsWith('new_')
