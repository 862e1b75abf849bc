import { EmcfDevice } from '../../app/adapters/emcf_device.ts'
import { EmcfServer } from '../emcf_server.ts'
import { fiscalDeviceContract } from '../fiscal_device_contract.ts'

fiscalDeviceContract('e-MCF over HTTP', async () => {
  const server = new EmcfServer()
  const baseUrl = await server.start()
  const { nif, isf, token } = server.options
  return {
    device: new EmcfDevice({ baseUrl, token, nif, isf, timeoutMs: 5000 }),
    refusedDevice: new EmcfDevice({ baseUrl, token: 'not-the-token', nif, isf, timeoutMs: 5000 }),
    setDown: (down) => (server.options.down = down),
    holdForeignPending: (count) => server.holdForeignPending(count),
    close: () => server.stop(),
  }
})
