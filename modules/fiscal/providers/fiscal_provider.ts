import type { DomainModuleProvider } from '@ia/kernel/contracts'

/**
 * The fiscal module: normalises invoices and credit notes through the DGI's e-MCF when the
 * organisation has it on, holds them back from sending until then, prints the DGI's marks on them.
 */
export default class FiscalProvider implements DomainModuleProvider {
  async start() {
    const { events, jobs } = await import('@ia/kernel/contracts')
    const { documentHooks } = await import('@ia/invoicing/contracts')
    const { NORMALISE_JOB, normaliseDevice } = await import('../app/jobs/normalise_device.ts')
    const { queueNormalisation, refuseUnnormalised, normalisedMarks } =
      await import('../app/services/normalisation_hooks.ts')
    // A device that is down is the job's own retry (it queues itself again); these cover other faults.
    jobs.register(NORMALISE_JOB, normaliseDevice, {
      title: 'fiscal.jobs.normalise',
      maxAttempts: 3,
      backoffMs: 30_000,
    })
    events.subscribe('invoicing.invoice.issued', 'fiscal.normalisation', queueNormalisation)
    events.subscribe('invoicing.credit_note.issued', 'fiscal.normalisation', queueNormalisation)
    documentHooks.registerSendGate(refuseUnnormalised)
    documentHooks.registerPrintMarks(normalisedMarks)
    const { rateCrossChecks } = await import('@ia/currencies/contracts')
    const { emcfRateCheck } = await import('../app/services/emcf_rates.ts')
    rateCrossChecks.register(emcfRateCheck)
    await import('../start/routes.ts')
  }
}
