import { usePlatformSession, type Id } from '@ia/sdk'
import { useRouter } from 'vue-router'
import { useModuleHost } from './useModuleHost'

/** Makes another organisation current: its role, its modules, and back to the home page. */
export function useOrganizationSwitch() {
  const session = usePlatformSession()
  const moduleHost = useModuleHost()
  const router = useRouter()

  return async function switchOrganization(orgId: Id): Promise<void> {
    await session.selectOrganization(orgId)
    void moduleHost.load(orgId)
    await router.push({ name: 'home' })
  }
}
