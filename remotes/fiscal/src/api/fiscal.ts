import { useApi, type Schemas } from '@ia/sdk'

/** The organisation's e-MCF settings (never the token). */
export type DeviceSettings = Schemas['FiscalDeviceSettings']
/** What the e-MCF said when checked. */
export type DeviceStatus = Schemas['FiscalDeviceStatus']
/** An invoice's or credit note's normalisation. */
export type Normalisation = Schemas['Normalisation']
/** What the settings form sends; the token only to change it. */
export type DeviceInput = {
  enabled: boolean
  environment: 'test' | 'production'
  baseUrl: string
  nif: string
  isf: string
  token?: string
  operatorName: string | null
}

/** The organisation's e-MCF settings. */
export async function getDevice(): Promise<DeviceSettings> {
  return (await useApi().get('/fiscal/settings')).settings
}

/** Saves the e-MCF settings; a 422 names the field. */
export async function updateDevice(input: DeviceInput): Promise<DeviceSettings> {
  return (await useApi().put('/fiscal/settings', { body: input })).settings
}

/** Asks the e-MCF for its status with the saved settings. */
export async function checkDevice(): Promise<DeviceStatus> {
  return (await useApi().post('/fiscal/settings/check')).status
}

/** The last normalisations, newest first. */
export async function listNormalisations(): Promise<Normalisation[]> {
  return (await useApi().get('/fiscal/normalisations')).data
}

/** Tries a failed normalisation again. */
export async function retryNormalisation(id: string): Promise<Normalisation> {
  return (
    await useApi().post('/fiscal/normalisations/{normalisationId}/retry', {
      path: { normalisationId: id },
    })
  ).normalisation
}

/** Runs the queue now. */
export async function drainQueue() {
  return useApi().post('/fiscal/normalisations/drain')
}
