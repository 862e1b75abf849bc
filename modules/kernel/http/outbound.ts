/*
 * Requests the platform makes to an address a user typed (a rate provider, a payment gateway, a
 * webhook) must not reach this machine or its private network: only public unicast addresses,
 * checked on the very addresses the socket connects to, so a DNS answer that changes between a check
 * and the request cannot point it inside. Tests and local development allow private hosts explicitly.
 */
import { lookup, type LookupAddress } from 'node:dns'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'
import { Agent, fetch as undiciFetch, type RequestInit, type Response } from 'undici'

/** The address is refused: it is on this machine or a private network. */
export class PrivateAddressError extends Error {
  constructor(readonly address: string) {
    super(`The address ${address} is on this machine or a private network: refused`)
  }
}

/**
 * Whether an address is on the public internet. Loopback, private, link-local (169.254.x, the cloud
 * metadata service), carrier-grade NAT, multicast, reserved and unique-local IPv6 are not, nor an IPv4
 * address hidden in IPv6 (`::ffff:127.0.0.1`).
 */
export function isPublicAddress(address: string) {
  if (!ipaddr.isValid(address)) return false
  return ipaddr.process(address).range() === 'unicast'
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number
) => void

/** A `lookup` for sockets that refuses to connect anywhere but to public addresses. */
export function publicOnlyLookup(
  hostname: string,
  options: { all?: boolean; family?: number | string },
  callback: LookupCallback
) {
  lookup(hostname, { all: true }, (error, addresses) => {
    if (error) return callback(error, [])
    const blocked = addresses.find((entry) => !isPublicAddress(entry.address))
    if (blocked) return callback(new PrivateAddressError(blocked.address), [])
    if (options.all) return callback(null, addresses)
    callback(null, addresses[0].address, addresses[0].family)
  })
}

const publicOnlyAgent = new Agent({ connect: { lookup: publicOnlyLookup as never } })

/**
 * `fetch` to a URL a user gave: public addresses only unless `allowPrivate` (tests, development); a
 * redirect is answered as it is, never followed (it could lead inside).
 */
export async function fetchOutside(
  url: string,
  init: RequestInit,
  options: { allowPrivate: boolean }
): Promise<Response> {
  if (options.allowPrivate) return undiciFetch(url, { ...init, redirect: 'manual' })
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  // An address written as such is never looked up: it is checked here.
  if (isIP(host) && !isPublicAddress(host)) throw new PrivateAddressError(host)
  return undiciFetch(url, { ...init, redirect: 'manual', dispatcher: publicOnlyAgent })
}
