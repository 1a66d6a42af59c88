export interface CsatPromptProps {
  conversationId: string
  /** Filled by the CSAT issue: sends the rating (1–5) and an optional comment. */
  onRate?: (rating: 1 | 2 | 3 | 4 | 5, comment?: string) => void
}

/** Slot: "how did we do?" after a conversation is resolved. Empty until ratings exist. */
export function CsatPrompt(_props: CsatPromptProps) {
  return null
}
