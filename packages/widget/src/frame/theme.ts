/** The CSS variables for the shop's colour: text that reads on it, and a soft tint for badges. */
export function brandVariables(hex: string): Record<string, string> {
  const n = Number.parseInt(hex.slice(1), 16)
  const rgb = [n >> 16, (n >> 8) & 255, n & 255]
  const [r = 0, g = 0, b = 0] = rgb
  const luma = 0.299 * r + 0.587 * g + 0.114 * b
  const tint = (amount: number) => `rgb(${rgb.map((c) => Math.round(c + (255 - c) * amount)).join(',')})`
  return {
    '--brand': hex,
    '--on-brand': luma > 170 ? '#111' : '#fff',
    '--brand-soft': tint(0.88),
    '--brand-ring': `rgba(${r},${g},${b},.22)`,
    // On a light brand colour, links and badges need a darker shade to be readable.
    '--brand-ink': luma > 170 ? '#1f2328' : hex,
  }
}
