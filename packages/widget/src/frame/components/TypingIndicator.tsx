/** Three dots while an agent types; screen readers hear it once through the label. */
export function TypingIndicator({ label }: { label: string }) {
  return (
    <div class="typing" role="status" aria-label={label}>
      <i />
      <i />
      <i />
    </div>
  )
}
