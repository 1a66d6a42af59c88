import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { closeCodes } from '@kefu/protocol'
import { createApp, type KefuApp } from './app.ts'
import type { Services } from './services.ts'

export interface RunningServer {
  app: KefuApp
  server: Server
  port: number
  /** Stops taking connections, closes sockets with "server restarting" so clients reconnect elsewhere. */
  close(): Promise<void>
}

/** The HTTP + WebSocket server around the app. */
export function startServer(
  services: Services,
  options: { port: number; hostname?: string },
): Promise<RunningServer> {
  const app = createApp(services)
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.hostname ?? '0.0.0.0' },
      (info: AddressInfo) => {
        resolve({
          app,
          server,
          port: info.port,
          async close() {
            for (const ws of app.sockets.wss.clients) ws.close(closeCodes.serverShutdown, 'server restarting')
            await services.realtime.close()
            await new Promise<void>((done) => {
              server.close(() => done())
              server.closeAllConnections()
            })
          },
        })
      },
    ) as Server
    server.once('error', reject)
    app.sockets.injectWebSocket(server)
  })
}
