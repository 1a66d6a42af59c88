const STORAGE_KEY = 'kefu.inbox.notify'

/** Desktop notifications are off until the agent turns them on (which asks the browser). */
export function notificationsEnabled(): boolean {
  return (
    localStorage.getItem(STORAGE_KEY) === 'on' &&
    'Notification' in window &&
    Notification.permission === 'granted'
  )
}

export async function enableNotifications(): Promise<'granted' | 'denied'> {
  if (!('Notification' in window)) return 'denied'
  const permission =
    Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission()
  if (permission !== 'granted') return 'denied'
  localStorage.setItem(STORAGE_KEY, 'on')
  return 'granted'
}

export function disableNotifications(): void {
  localStorage.setItem(STORAGE_KEY, 'off')
}

let audio: AudioContext | undefined

/** Two soft tones: noticeable without being the kind of sound people mute the tab for. */
function chime() {
  audio ??= new AudioContext()
  const now = audio.currentTime
  for (const [i, freq] of [880, 1320].entries()) {
    const osc = audio.createOscillator()
    const gain = audio.createGain()
    osc.frequency.value = freq
    gain.gain.setValueAtTime(0.0001, now + i * 0.12)
    gain.gain.exponentialRampToValueAtTime(0.15, now + i * 0.12 + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.12 + 0.25)
    osc.connect(gain).connect(audio.destination)
    osc.start(now + i * 0.12)
    osc.stop(now + i * 0.12 + 0.3)
  }
}

/** Tells the agent about a buyer's message when the tab is in the background. */
export function notifyNewMessage(title: string, body: string, onClick: () => void): void {
  if (!notificationsEnabled()) return
  try {
    chime()
  } catch {
    // No audio device: the notification alone will do.
  }
  const n = new Notification(title, { body: body.slice(0, 140), tag: 'kefu-message' })
  n.onclick = () => {
    window.focus()
    onClick()
    n.close()
  }
}
