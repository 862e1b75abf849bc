import env from '#start/env'

/** Settings the payments module reads. */
const paymentsConfig = {
  /**
   * Whether an organisation's payment gateway URL may be on this machine or a private network. Off
   * everywhere but where a local fake gateway answers (.env.test, the browser e2e): a URL typed by an
   * organisation must never reach the server's own network (SSRF).
   */
  allowPrivateGatewayHosts: env.get('PAYMENT_GATEWAY_ALLOW_PRIVATE_HOSTS', false),
}

export default paymentsConfig
