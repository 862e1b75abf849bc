import {
  defineSerializer,
  Type,
  wire,
  type ModuleState,
  type PublicRemote,
  type ShellModule,
} from '@ia/kernel/contracts'

const remoteShape = Type.Object({
  name: Type.String(),
  entry: Type.String(),
  integrity: Type.Record(Type.String(), Type.String(), { description: 'Path → SRI hash.' }),
})

function remoteOf(remote: ShellModule['remote']) {
  return { name: remote.name, entry: remote.entry, integrity: { ...remote.integrity } }
}

/** An optional module as one organisation sees it in the catalogue (the `Module` schema). */
export const serializeModule = defineSerializer(
  'Module',
  Type.Object(
    {
      id: Type.String(),
      version: Type.String(),
      name: wire.localized(),
      description: wire.localized(),
      category: Type.String(),
      depends: Type.Array(Type.String(), { description: 'Modules to enable first.' }),
      dependants: Type.Array(Type.String(), { description: 'Modules that need this one.' }),
      enabled: Type.Boolean(),
      enabledAt: wire.dateTimeOrNull(),
      routeBase: wire.text(
        "Where the module's pages live in the shell (`/contacts`); null when it has none."
      ),
      vendor: Type.Union(
        [Type.Null(), Type.Object({ name: Type.String(), audited: Type.Boolean() })],
        {
          description:
            "The vendor of a module installed from the marketplace (audited vendors run in the page, others in a sandbox); null for the platform's own modules.",
        }
      ),
    },
    { description: 'An optional module as one organisation sees it in the catalogue.' }
  ),
  (module: ModuleState) => ({
    id: module.id,
    version: module.version,
    name: { fr: module.name.fr, en: module.name.en },
    description: { fr: module.description.fr, en: module.description.en },
    category: module.category,
    depends: [...module.depends],
    dependants: [...module.dependants],
    enabled: module.enabled,
    enabledAt: module.enabledAt,
    routeBase: module.routeBase,
    vendor: module.vendor ? { name: module.vendor.name, audited: module.vendor.audited } : null,
  })
)

/** What the shell loads: each enabled module's remote with its files' hashes (the `ShellManifest` schema). */
export const serializeShellManifest = defineSerializer(
  'ShellManifest',
  Type.Object(
    {
      modules: Type.Array(
        Type.Object({
          id: Type.String(),
          version: Type.String(),
          name: wire.localized(),
          remote: remoteShape,
          routeBase: Type.String(),
          navigation: Type.Array(
            Type.Object({
              path: Type.String(),
              label: wire.localized(),
              icon: Type.Optional(Type.String()),
              permission: Type.Optional(Type.String()),
            })
          ),
          trust: Type.Union(
            [Type.Literal('first-party'), Type.Literal('audited'), Type.Literal('sandboxed')],
            {
              description:
                'How the shell runs the remote: in the page (first-party, audited vendor) or in a sandboxed iframe of another origin.',
            }
          ),
          signedHashList: wire.text(
            "A vendor module's hash list with the vendor's and the marketplace's Ed25519 signatures (URL); null for the platform's own modules."
          ),
        })
      ),
    },
    {
      description:
        "What the shell loads: each enabled module's remote, with the hash of every file it may load.",
    }
  ),
  (manifest: { modules: ShellModule[] }) => ({
    modules: manifest.modules.map((module) => ({
      id: module.id,
      version: module.version,
      name: { fr: module.name.fr, en: module.name.en },
      remote: remoteOf(module.remote),
      routeBase: module.routeBase,
      navigation: module.navigation.map((item) => ({
        path: item.path,
        label: { fr: item.label.fr, en: item.label.en },
        ...(item.icon ? { icon: item.icon } : {}),
        ...(item.permission ? { permission: item.permission } : {}),
      })),
      trust: module.trust,
      signedHashList: module.signedHashList,
    })),
  })
)

/** A module's remote as a public page loads it, without an account (the `PublicRemote` schema). */
export const serializePublicRemote = defineSerializer(
  'PublicRemote',
  Type.Object(
    { id: Type.String(), version: Type.String(), name: wire.localized(), remote: remoteShape },
    {
      description:
        "A module's remote as the shell loads it for a public page (no account): its entry and the hash of every file.",
    }
  ),
  (remote: PublicRemote) => ({
    id: remote.id,
    version: remote.version,
    name: { fr: remote.name.fr, en: remote.name.en },
    remote: remoteOf(remote.remote),
  })
)
