import { render } from 'preact'
import { App } from './components/App.tsx'
import { localeStore } from './lib/i18n.ts'
import './styles.css'
import './orders.css'
import './tickets.css'

document.documentElement.lang = localeStore.get().locale
render(<App />, document.getElementById('app')!)
