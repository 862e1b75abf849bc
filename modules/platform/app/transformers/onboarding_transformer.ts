import { defineSerializer, Type, wire } from '@ia/kernel/contracts'
import { ONBOARDING_STEPS, type OnboardingChecklist } from '../services/onboarding.ts'

/** A new organisation's first day as the home page shows it (the `OnboardingChecklist` schema). */
export const serializeOnboardingChecklist = defineSerializer(
  'OnboardingChecklist',
  Type.Object(
    {
      steps: Type.Array(Type.Object({ id: wire.oneOf(ONBOARDING_STEPS), done: Type.Boolean() }), {
        description:
          '`confirm_email`: the caller confirmed their address; `legal_details`: legal name, NIF, RCCM, Id. Nat. and address filled in; `enable_module`: a module is enabled; `import_contacts`: Contacts announced a contact (created or imported); `invite_colleague`: someone was invited or joined.',
      }),
      complete: Type.Boolean({ description: 'Every step is done.' }),
      dismissed: Type.Boolean({ description: 'An admin put the finished list away.' }),
      sampleData: Type.Object(
        {
          available: Type.Boolean({ description: 'An enabled module has sample data to load.' }),
          loaded: Type.Boolean({ description: 'Sample data is loaded, or its job queued.' }),
        },
        { description: 'The offer of sample data (`POST` / `DELETE /onboarding/sample-data`).' }
      ),
    },
    {
      description:
        "A new organisation's first day, each step computed from the state it describes.",
    }
  ),
  (checklist: OnboardingChecklist) => ({
    steps: checklist.steps.map((step) => ({ id: step.id, done: step.done })),
    complete: checklist.complete,
    dismissed: checklist.dismissed,
    sampleData: {
      available: checklist.sampleData.available,
      loaded: checklist.sampleData.loaded,
    },
  })
)
