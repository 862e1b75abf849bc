/*
 * The boundaries between packages, checked on every `npm test` (infra/scripts/run.mjs) by
 * dependency-cruiser on the resolved import graph: one named rule per boundary, each saying why.
 * Package `exports` open only what others may use, so a deep import into another package's files
 * does not even resolve (rule `imports-resolve-through-package-exports`).
 */
const DOMAIN_MODULE = '^modules/(?!kernel/|platform/)[^/]+/'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'imports-resolve-through-package-exports',
      comment:
        "Every import resolves, through the target package's `exports`: an import of another package's models, " +
        'services or other files it does not export fails here (and in Node and TypeScript) instead of coupling two packages.',
      severity: 'error',
      from: {},
      // The host's own subpath imports (#start/*, #config/*...) point at the .js its build would emit.
      to: { couldNotResolve: true, pathNot: '^#' },
    },
    {
      name: 'no-relative-reach-into-another-package',
      comment:
        "A relative path leaving its package (`../../platform/app/...`) skips the package's exports; " +
        'packages reach each other only by their name.',
      severity: 'error',
      from: { path: '^(modules/[^/]+|shell/[^/]+|remotes/[^/]+|backend|infra)/' },
      to: {
        path: '^(modules|shell|remotes|backend|infra)/',
        pathNot: '^$1/',
        dependencyTypes: ['local'],
      },
    },
    {
      name: 'kernel-imports-nothing-from-the-platform',
      comment:
        'The kernel is what every module and the platform build on: it declares ports, the platform implements them. ' +
        "An import the other way round would make every module depend on identity and the platform's services.",
      severity: 'error',
      from: { path: '^modules/kernel/' },
      to: { path: '^(modules/(?!kernel/)|backend/|shell/|remotes/)' },
    },
    {
      name: 'domain-modules-use-the-kernel-not-the-platform',
      comment:
        "A domain module reaches platform services through the kernel's ports (`@ia/kernel/contracts`), so the platform can " +
        'change its implementations and a test can swap one; only its tests use `@ia/platform/testing` to create users and organisations.',
      severity: 'error',
      from: { path: DOMAIN_MODULE, pathNot: '^modules/[^/]+/tests/' },
      to: { path: '^modules/platform/' },
    },
    {
      name: 'module-tests-use-only-the-platform-testing-entry',
      comment:
        "Tests of a domain module create users and organisations through the platform's testing helpers, never its models.",
      severity: 'error',
      from: { path: `${DOMAIN_MODULE}tests/` },
      to: { path: '^modules/platform/', pathNot: '^modules/platform/tests/helpers\\.ts$' },
    },
    {
      name: 'modules-reach-other-modules-only-through-contracts',
      comment:
        'Another domain module is reached only through its `contracts/` (its public service, types and events): ' +
        'its models, services and tables stay its own, so it can change them without breaking its neighbours.',
      severity: 'error',
      from: { path: '^modules/([^/]+)/' },
      to: {
        path: DOMAIN_MODULE,
        pathNot: [
          '^modules/$1/',
          '^modules/[^/]+/contracts/',
          '^modules/[^/]+/tests/helpers\\.ts$',
        ],
      },
    },
    {
      name: 'only-tests-use-another-modules-testing-entry',
      comment:
        "A module's `testing` entry (its tests/helpers.ts: fixtures made through its own code) is for other modules' tests, never their application code.",
      severity: 'error',
      from: { path: '^modules/([^/]+)/', pathNot: '^modules/[^/]+/tests/' },
      to: { path: '^modules/[^/]+/tests/helpers\\.ts$', pathNot: '^modules/$1/' },
    },
    {
      name: 'only-the-host-and-platform-read-the-module-catalogue',
      comment:
        'The catalogue of every module.json is how the host composes modules; a domain module knows its own manifest only.',
      severity: 'error',
      from: { path: DOMAIN_MODULE },
      to: { path: '^modules/kernel/catalog/' },
    },
    {
      name: 'modules-never-import-the-host',
      comment:
        'The backend host composes the modules; a module importing it (#start, #config...) would be bound to one host.',
      severity: 'error',
      from: { path: '^modules/' },
      to: { path: '^(backend/|#)' },
    },
    {
      name: 'remotes-import-only-the-sdk-the-kit-and-themselves',
      comment:
        "A remote, ours or a vendor's, builds against the SDK (`@ia/sdk`), the UI kit (`@ia/ui`) and the vendor kit only: " +
        'anything else of the shell or another remote is not a contract and would break when the shell changes.',
      severity: 'error',
      from: { path: '^remotes/([^/]+)/' },
      to: {
        path: '^(shell|remotes|modules|backend)/',
        pathNot: ['^remotes/$1/', '^shell/(sdk|ui|vendor-kit)/'],
      },
    },
    {
      name: 'the-shell-never-imports-a-remote',
      comment:
        'The shell loads remotes at run time from the shell manifest (checked by their hashes), never at build time.',
      severity: 'error',
      from: { path: '^shell/' },
      to: { path: '^remotes/' },
    },
    {
      name: 'shell-packages-never-import-the-app',
      comment:
        'The SDK, the UI kit and the vendor kit are what remotes build against: the host app is not part of them.',
      severity: 'error',
      from: { path: '^shell/(sdk|ui|vendor-kit)/' },
      to: { path: '^shell/app/' },
    },
    {
      name: 'the-frontend-never-imports-backend-code',
      comment:
        'Browser code talks to the backend over HTTP only; its types come from the OpenAPI document.',
      severity: 'error',
      from: { path: '^(shell|remotes)/' },
      to: { path: '^(modules|backend)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|build|test-results|\\.data)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['development', 'types', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.vue', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types'],
    },
    skipAnalysisNotInRules: true,
  },
}
