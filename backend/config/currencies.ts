import env from '#start/env'

/** Settings the currencies module reads. */
const currenciesConfig = {
  /**
   * Whether the daily exchange-rate provider may be an address on this machine or a private network.
   * Off everywhere but in the tests (.env.test), whose fake provider listens on 127.0.0.1: a provider URL
   * typed by an organisation must never reach the server's own network (SSRF).
   */
  allowPrivateProviderHosts: env.get('RATE_PROVIDER_ALLOW_PRIVATE_HOSTS', false),
}

export default currenciesConfig
