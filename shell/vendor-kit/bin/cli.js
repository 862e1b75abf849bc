#!/usr/bin/env node
// In the workspace the kit runs from its TypeScript sources (Node strips the types); published, from dist/.
import { existsSync } from 'node:fs'

const sources = new URL('../src/cli.ts', import.meta.url)
const { runCli } = await import(
  existsSync(sources) ? sources.href : new URL('../dist/cli.js', import.meta.url).href
)

try {
  await runCli(process.argv.slice(2))
} catch (error) {
  console.error(`ia-vendor: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
