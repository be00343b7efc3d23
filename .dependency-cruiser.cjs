// The layer edges of DEVELOPERS.md, held mechanically (`npm run lint`, part of `npm test`):
//   model ← sources ← store / actions ← ui; transports move bytes; runtime, cli and subcommands compose.
// Each rule names what may not be imported from where; test/architecture/layers.test.ts checks that a file
// breaking each rule is caught.
const LAYER = (name) => `^src/${name}/`;
const PROCESS_AND_SOCKETS = ['^ssh2$', '^execa$', '^(node:)?(net|child_process|dgram|tls)$'];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Import cycles make load order matter. fleet-core loads fleet-runtime (the SSH side) only by a dynamic import, on purpose: the start-up path must not load ssh2.',
      severity: 'error',
      from: { pathNot: '^src/runtime/fleet-(core|runtime)\\.ts$' },
      // Type-only imports vanish at compile time and cannot make a load-order cycle.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'model-imports-nothing',
      comment: 'src/model holds plain types and constants that every layer shares.',
      severity: 'error',
      from: { path: LAYER('model') },
      to: { pathNot: [LAYER('model')], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ink-and-react-only-in-ui',
      severity: 'error',
      from: { pathNot: LAYER('ui') },
      to: { path: ['^ink$', '^react$', '^react/', 'node_modules/(ink|react)/'] },
    },
    {
      name: 'processes-and-sockets-only-in-transport',
      comment: 'Only transports (and the test labs in src/lab) spawn processes or open sockets.',
      severity: 'error',
      from: { pathNot: [LAYER('transport'), LAYER('lab')] },
      to: { path: PROCESS_AND_SOCKETS },
    },
    {
      name: 'transport-moves-bytes',
      comment: 'A transport knows no system: it may use model types, nothing above it. It may implement an interface a source declares (type-only: replay.ts is a RuntimeApi).',
      severity: 'error',
      from: { path: LAYER('transport') },
      to: { path: ['^src/(sources|store|actions|ui|runtime|cli|subcommands|trace|config|lab)/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'sources-parse-only',
      comment: 'A source reads one system through a transport and parses it into the model; it never plans, stores or draws.',
      severity: 'error',
      from: { path: LAYER('sources') },
      to: { path: ['^src/(store|actions|ui|present|runtime|cli|subcommands|trace|config|lab)/'] },
    },
    {
      name: 'store-holds-state-only',
      severity: 'error',
      from: { path: LAYER('store') },
      to: { path: ['^src/(actions|ui|present|runtime|cli|subcommands|transport|lab)/'] },
    },
    {
      name: 'actions-below-ui',
      comment: 'Actions plan, preview, apply and verify; the UI and the subcommands call them, never the other way.',
      severity: 'error',
      from: { path: LAYER('actions') },
      to: { path: ['^src/(ui|present|runtime|cli|subcommands|lab)/'] },
    },
    {
      name: 'present-is-pure',
      comment: 'src/present turns models into lines of {text, token} for both the CLI and the TUI: no Ink, no I/O, nothing that composes.',
      severity: 'error',
      from: { path: LAYER('present') },
      to: { path: ['^src/(ui|runtime|cli|subcommands|transport|lab)/'] },
    },
    {
      name: 'ui-gets-services',
      comment: 'The UI is handed its services (src/ui/services.ts); it does not build transports or runtimes.',
      severity: 'error',
      from: { path: LAYER('ui') },
      to: { path: ['^src/(transport|runtime|cli|subcommands|lab)/'] },
    },
    {
      name: 'labs-only-for-the-demo',
      comment: 'src/lab starts real daemons for the demo, the tests and bench/; only the demo reaches it from lbtop.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/lab/', '^src/cli/demo\\.ts$'] },
      to: { path: LAYER('lab') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
