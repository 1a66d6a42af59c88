import { render } from 'preact'
import { browserLocale } from '../shared/locale.ts'
import { connectBridge } from './bridge.ts'
import { type Chat, createChat } from './chat.ts'
import { App } from './components/App.tsx'
import './styles.css'

// The bridge says hello to the page at once; the page's `kefu:init` arrives after this module ran.
let chat: Chat | undefined
const bridge = connectBridge((message) => chat?.handle(message))
chat = createChat(bridge, browserLocale(navigator.languages ?? [navigator.language]))
const opened = () => bridge.post({ type: 'kefu:opened' })
render(<App chat={chat} onOpened={opened} />, document.getElementById('app') as HTMLElement)
