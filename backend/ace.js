/*
 * Ace entry point: runs the TypeScript sources through ts-exec, in every environment,
 * so that migrations keep one name in development, tests and production.
 */
import '@poppinss/ts-exec'
await import('./bin/console.ts')
