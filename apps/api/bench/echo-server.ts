// A bare `ws` echo server on 127.0.0.1, the baseline for Kefu's socket latency and memory.
import { WebSocketServer } from 'ws'

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: false,
  maxPayload: 64 * 1024,
})
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
})
wss.on('listening', () => {
  const address = wss.address()
  if (address && typeof address === 'object') console.log(`echo listening ${address.port}`)
})
process.on('SIGTERM', () => wss.close(() => process.exit(0)))
