/*
 * Webhook URLs a vendor gives are requests the platform makes on its behalf: only https to public
 * addresses (no loopback, private, link-local, carrier-grade NAT, multicast or reserved ranges), checked
 * when the URL is saved and again at connection time on the addresses actually connected to (a DNS
 * answer that changes in between cannot point a delivery at the inside). In development, http and
 * private addresses are allowed so a vendor can test against a local receiver.
 */
import {
  lookup as dnsLookup,
  type LookupAddress,
  type LookupAllOptions,
  type LookupOptions,
} from 'node:dns'
import { promisify } from 'node:util'
import { isPublicAddress } from '@ia/kernel/contracts'
import ipaddr from 'ipaddr.js'

const lookupAll = promisify(
  (
    hostname: string,
    options: LookupAllOptions,
    callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void
  ) => dnsLookup(hostname, options, callback)
)

/** Whether `raw` is a URL deliveries may go to: https on public addresses only, unless `allowPrivate` (development). */
export async function isAllowedWebhookUrl(raw: string, allowPrivate: boolean) {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  if (allowPrivate) return url.protocol === 'https:' || url.protocol === 'http:'
  if (url.protocol !== 'https:') return false
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (ipaddr.isValid(host)) return isPublicAddress(host)
  try {
    const addresses = await lookupAll(host, { all: true })
    return addresses.length > 0 && addresses.every((entry) => isPublicAddress(entry.address))
  } catch {
    return false
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number
) => void

/**
 * A `lookup` for `http(s).request` that refuses to connect to anything but public addresses: the check
 * runs on the very addresses the socket connects to.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback
) {
  dnsLookup(hostname, { ...options, all: true } as LookupAllOptions, (error, addresses) => {
    if (error) return callback(error, [])
    const refused = addresses.find((entry) => !isPublicAddress(entry.address))
    if (refused) {
      const failure: NodeJS.ErrnoException = new Error(
        `Refused to connect to the non-public address ${refused.address}`
      )
      failure.code = 'E_WEBHOOK_ADDRESS_NOT_PUBLIC'
      return callback(failure, [])
    }
    if (options.all) return callback(null, addresses)
    callback(null, addresses[0].address, addresses[0].family)
  })
}
