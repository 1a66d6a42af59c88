import { defineProject } from 'vitest/config'

export default defineProject({ test: { name: 'demo-shop', testTimeout: 30000, hookTimeout: 60000 } })
