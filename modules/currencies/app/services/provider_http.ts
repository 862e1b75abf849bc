import config from '@adonisjs/core/services/config'
import { fetchOutside, PrivateAddressError } from '@ia/kernel/contracts'

/** Why a provider's answer cannot be used; the job fails with it and the settings show it. */
export class ProviderError extends Error {}

/** Only the test configuration allows a provider on this machine or the local network (its fake server). */
function privateHostsAllowed() {
  return config.get<boolean>('currencies.allowPrivateProviderHosts', false)
}

/**
 * GETs a provider's answer over HTTP(S) through the kernel's outbound guard (public addresses only,
 * checked on the addresses connected to; no redirect followed): `timeoutMs` at most, `maxBytes` at most.
 */
export async function fetchProviderText(url: string, timeoutMs: number, maxBytes: number) {
  const target = new URL(url)
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new ProviderError('The provider URL must start with http:// or https://')
  let response: Awaited<ReturnType<typeof fetchOutside>>
  try {
    response = await fetchOutside(
      url,
      { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) },
      { allowPrivate: privateHostsAllowed() }
    )
  } catch (error) {
    const refusal = [error, (error as Error).cause].find(
      (candidate) => candidate instanceof PrivateAddressError
    )
    if (refusal)
      throw new ProviderError(
        `The provider's address ${refusal.address} is on this machine or a private network: refused`
      )
    if ((error as Error).name === 'TimeoutError')
      throw new ProviderError('The provider did not answer in time')
    throw error
  }
  if (!response.ok) {
    await response.body?.cancel()
    throw new ProviderError(`The provider answered HTTP ${response.status}`)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of response.body ?? []) {
    size += chunk.length
    if (size > maxBytes) throw new ProviderError('The answer is larger than 1 MB')
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks).toString('utf8')
}
