import WebSocket from 'ws'

export const wsUrl = (baseUrl: string, path: string) => `${baseUrl.replace(/^http/, 'ws')}${path}`

/**
 * Opens a socket and resolves once `isReady(raw)` says a message means "ready" (or on open when
 * no check is given). Every message, before and after, goes to `onMessage` as a string.
 */
export function openSocket(
  url: string,
  options: {
    headers?: Record<string, string>
    firstFrame?: string
    onMessage?: (raw: string, at: number) => void
    isReady?: (raw: string) => boolean
    timeoutMs?: number
  } = {},
): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers: options.headers ?? {}, perMessageDeflate: false })
  return new Promise((resolve, reject) => {
    let settled = false
    const done = (err?: Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (err) {
        ws.terminate()
        reject(err)
      } else resolve(ws)
    }
    const timer = setTimeout(
      () => done(new Error('timed out waiting for ready')),
      options.timeoutMs ?? 30_000,
    )
    ws.on('message', (data) => {
      const at = performance.now()
      const raw = String(data)
      options.onMessage?.(raw, at)
      if (!settled && options.isReady?.(raw)) done()
    })
    ws.once('open', () => {
      if (options.firstFrame) ws.send(options.firstFrame)
      if (!options.isReady) done()
    })
    ws.once('unexpected-response', (_req, res) => done(new Error(`upgrade refused: ${res.statusCode}`)))
    ws.once('error', (err) => done(err))
    ws.once('close', (code, reason) => done(new Error(`closed before ready: ${code} ${String(reason)}`)))
  })
}

export const isReadyFrame = (raw: string) => raw.startsWith('{"type":"ready"')

/** Closes sockets without the closing handshake (the bench does not wait on thousands of them). */
export function terminateAll(sockets: Iterable<WebSocket>) {
  for (const ws of sockets) ws.terminate()
}
