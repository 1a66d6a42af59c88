import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { WebSocketServer } from 'ws'

export interface NeonProxy {
  /** The `wsProxy` value for `NeonOptions`. */
  wsProxy: string
  close(): Promise<void>
}

/**
 * A local stand-in for Neon's WebSocket proxy: each WebSocket carries the Postgres wire protocol
 * to `?address=host:port` over TCP. Only loopback targets are allowed.
 */
export async function startNeonProxy(): Promise<NeonProxy> {
  const server = createServer()
  const wss = new WebSocketServer({ server })
  wss.on('connection', (socket, req) => {
    const address = new URL(req.url ?? '/', 'http://x').searchParams.get('address') ?? ''
    const [host, port] = address.split(':')
    if (!host || !['127.0.0.1', 'localhost', '::1'].includes(host)) {
      socket.close(1008, 'only loopback targets')
      return
    }
    const tcp = connect({ host, port: Number(port) || 5432 })
    const pending: Buffer[] = []
    tcp.on('connect', () => {
      for (const chunk of pending) tcp.write(chunk)
      pending.length = 0
    })
    socket.on('message', (data: Buffer) => {
      if (tcp.connecting) pending.push(data)
      else tcp.write(data)
    })
    tcp.on('data', (chunk) => socket.send(chunk))
    tcp.on('close', () => socket.close())
    tcp.on('error', () => socket.close())
    socket.on('close', () => tcp.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    wsProxy: `127.0.0.1:${port}/v2?address={host}:{port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close()
        server.close(() => resolve())
      }),
  }
}
