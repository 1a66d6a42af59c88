import { defineProject } from 'vitest/config'

export default defineProject({
  test: { name: 'inbox', testTimeout: 60000, hookTimeout: 120000, fileParallelism: false },
})
