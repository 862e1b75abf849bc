import { usePlatformSession } from '@ia/sdk'
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'

/** One of the shell's own settings pages, as the side navigation and the command palette offer it. */
export interface SettingsLink {
  name: string
  icon: string
  label: string
}

/** The settings pages this user may open in the current organisation (admin-only ones for admins). */
export function useSettingsLinks(): ComputedRef<SettingsLink[]> {
  const session = usePlatformSession()
  const { t } = useI18n()
  return computed(() =>
    [
      {
        name: 'organization-settings',
        icon: 'building',
        label: t('nav.organization'),
        show: session.isAdmin,
      },
      { name: 'members', icon: 'users', label: t('nav.members'), show: true },
      { name: 'modules', icon: 'grid', label: t('nav.modules'), show: true },
      { name: 'audit-log', icon: 'list', label: t('nav.auditLog'), show: session.isAdmin },
      { name: 'jobs', icon: 'list', label: t('nav.jobs'), show: session.isAdmin },
    ]
      .filter((link) => link.show && session.currentOrganization)
      .map(({ name, icon, label }) => ({ name, icon, label }))
  )
}
