/*
 * What the host and other modules may use of the marketplace: its configuration. Everything else
 * (vendors, packages, installs) is reached through the API and the kernel's vendor-modules port.
 */
export { defineMarketplaceConfig, type MarketplaceConfig } from './config.ts'
