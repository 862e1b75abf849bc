import { isPublicAddress } from '@ia/kernel/contracts'
import { lookup, type LookupAddress, type LookupAllOptions } from 'node:dns'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import config from '@adonisjs/core/services/config'

/** Why a provider's answer cannot be used; the job fails with it and the settings show it. */
export class ProviderError extends Error {}

/** Only the test configuration allows a provider on this machine or the local network (its fake server). */
function privateHostsAllowed() {
  return config.get<boolean>('currencies.allowPrivateProviderHosts', false)
}

function refused(address: string) {
  return new ProviderError(
    `The provider's address ${address} is on this machine or a private network: refused`
  )
}

/**
 * Resolves the provider's host name and refuses it when any address is not public. Checked when the
 * connection is made, so a name that resolves to a public address for a check and a private one for the
 * request (DNS rebinding) cannot slip through.
 */
function guardedLookup(
  hostname: string,
  options: LookupAllOptions | { all?: boolean; family?: number },
  callback: (
    error: NodeJS.ErrnoException | null,
    address: string | LookupAddress[],
    family?: number
  ) => void
) {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, [])
    const blocked = addresses.find((entry) => !isPublicAddress(entry.address))
    if (blocked && !privateHostsAllowed()) return callback(refused(blocked.address), [])
    if (options.all) return callback(null, addresses)
    callback(null, addresses[0].address, addresses[0].family)
  })
}

/**
 * GETs a provider's JSON answer over HTTP(S): no redirect followed, `timeoutMs` at most, `maxBytes` at
 * most, and never to an address on this machine or a private network (see `isPublicAddress`).
 */
export function fetchProviderText(url: string, timeoutMs: number, maxBytes: number) {
  const target = new URL(url)
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.reject(new ProviderError('The provider URL must start with http:// or https://'))
  const host = target.hostname.replace(/^\[|\]$/g, '')
  // An address written as such is never looked up: it is checked here.
  if (isIP(host) && !isPublicAddress(host) && !privateHostsAllowed())
    return Promise.reject(refused(host))
  const transport = target.protocol === 'https:' ? https : http
  return new Promise<string>((resolve, reject) => {
    const request = transport.get(
      target,
      {
        lookup: guardedLookup as never,
        headers: { accept: 'application/json' },
        timeout: timeoutMs,
      },
      (response: IncomingMessage) => {
        if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) {
          response.resume()
          return reject(new ProviderError(`The provider answered HTTP ${response.statusCode}`))
        }
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > maxBytes) {
            request.destroy()
            reject(new ProviderError('The answer is larger than 1 MB'))
          } else chunks.push(chunk)
        })
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
        response.on('error', reject)
      }
    )
    request.on('timeout', () =>
      request.destroy(new ProviderError('The provider did not answer in time'))
    )
    request.on('error', reject)
  })
}
