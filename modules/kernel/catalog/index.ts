/*
 * The module catalogue and the shell manifest: what the host and the platform compose modules with.
 */
export * from './module_catalog.ts'
export * from './shell_manifest.ts'
