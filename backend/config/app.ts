import env, { type PROXY_RANGE_NAMES } from '#start/env'
import app from '@adonisjs/core/services/app'
import { BlockList, isIP } from 'node:net'
import { defineConfig } from '@adonisjs/core/http'
import { safeStringify } from '@poppinss/utils/json'
import { answerBadUrl } from '#exceptions/raw_http_errors'

/** The addresses behind each range name that TRUSTED_PROXIES accepts. */
const PROXY_RANGES: Record<
  (typeof PROXY_RANGE_NAMES)[number],
  Array<[string, number, 'ipv4' | 'ipv6']>
> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
}

/**
 * Only the proxies named in TRUSTED_PROXIES (default: this machine) may set X-Forwarded-For: trusting
 * anyone would let a client choose the address that sign-in limits and the audit log see.
 */
function trustedProxies(setting: string) {
  const list = new BlockList()
  for (const entry of setting.split(',')) {
    const ranges = PROXY_RANGES[entry as keyof typeof PROXY_RANGES]
    if (ranges) {
      for (const [network, bits, family] of ranges) list.addSubnet(network, bits, family)
      continue
    }
    const [address, bits] = entry.split('/')
    const family = address.includes(':') ? 'ipv6' : 'ipv4'
    if (bits === undefined) list.addAddress(address, family)
    else list.addSubnet(address, Number(bits), family)
  }
  return (address: string) => {
    const mapped =
      address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address
    return list.check(mapped, mapped.includes(':') ? 'ipv6' : 'ipv4')
  }
}

/**
 * JSON bodies through the engine's own JSON.stringify, several times faster than the framework's default
 * (safeStringify walks every value in JavaScript); what JSON.stringify refuses (a bigint, a circular reference)
 * goes to safeStringify, so every body comes out exactly as before.
 */
function serializeJson(value: unknown) {
  try {
    return JSON.stringify(value)
  } catch {
    return safeStringify(value)
  }
}

/** HTTP server settings; the session cookie's own settings live in config/session.ts. */
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: true,
  trustProxy: trustedProxies(env.get('TRUSTED_PROXIES') ?? 'loopback'),
  // A trusted proxy may still pass on a forwarded value that is no address (300 characters of
  // anything): the limiter and the audit log then see the proxy's own address, never that text.
  getIp: (request, originalFn) => {
    const forwarded = originalFn()
    return isIP(forwarded) ? forwarded : (request.request.socket.remoteAddress ?? '')
  },
  onBadUrl: answerBadUrl,
  serializeJSON: serializeJson,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction && env.get('APP_URL').startsWith('https:'),
    sameSite: 'lax',
  },
})
