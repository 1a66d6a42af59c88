import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

/** Where attachment bytes live. Local disk by default; an S3-style store fits the same shape. */
export interface BlobStorage {
  put(key: string, bytes: Uint8Array): Promise<void>
  get(key: string): Promise<Uint8Array | undefined>
  /** Removes the blob; a missing one is fine (erasure is idempotent). */
  delete(key: string): Promise<void>
}

export function localDiskStorage(root: string): BlobStorage {
  const base = resolve(root)
  const pathOf = (key: string) => {
    const path = resolve(join(base, key))
    if (!path.startsWith(`${base}/`)) throw new Error('storage key escapes the storage folder')
    return path
  }
  return {
    async put(key, bytes) {
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, bytes, { mode: 0o600 })
    },
    async get(key) {
      try {
        return await readFile(pathOf(key))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw err
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}

/** For tests and for deployments that keep nothing on disk. */
export function memoryStorage(): BlobStorage {
  const blobs = new Map<string, Uint8Array>()
  return {
    async put(key, bytes) {
      blobs.set(key, bytes)
    },
    async get(key) {
      return blobs.get(key)
    },
    async delete(key) {
      blobs.delete(key)
    },
  }
}
