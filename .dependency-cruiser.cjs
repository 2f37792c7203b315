// The module boundaries `npm run lint` enforces (docs/architecture.md#modules): no cycles, libraries never reach
// into apps, the console never into server code, and the arrows issue 20 found that should not exist.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one; break it with an event or a smaller module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-not-apps',
      severity: 'error',
      comment: 'Libraries are used by the apps, never the reverse.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'console-not-server',
      severity: 'error',
      comment:
        'The console is a browser build: it may share only the pure workflow module (labels, roles, actions), Vietnamese local time and the working calendar.',
      from: { path: '^apps/console/src' },
      // vietnam-time.ts imports nothing and is the one definition of how dates are shown, for staff as for letters;
      // a category's default deadlines and the working calendar they count in (with its holidays and lunar calendar)
      // are pure arithmetic.
      to: {
        path: '^(libs/(?!workflow/)|apps/(api|worker)/)',
        pathNot:
          '^libs/(common/src/vietnam-time|calendar/src/(default-deadlines|working-calendar|holidays|lunar))[.]ts$',
      },
    },
    {
      name: 'portal-not-server',
      severity: 'error',
      comment:
        "The citizens' portal is a browser build: it shares only the status labels and Vietnamese local time (apps/portal/tsconfig.json).",
      from: { path: '^apps/portal/src' },
      to: {
        path: '^(libs|apps/(api|worker|console))/',
        pathNot: '^libs/(workflow/src/labels|common/src/vietnam-time)[.]ts$',
      },
    },
    {
      name: 'database-not-auth',
      severity: 'error',
      comment: 'The database layer (entities, migrations, seed) depends on nothing above it.',
      from: { path: '^(libs/database|migrations)/' },
      // Two exceptions, pure files that import nothing at run time: the SQL generator of the Decision 766 facts (a
      // migration installs the SQL functions from it, so the indicators are written once:
      // docs/architecture.md#where-each-rule-lives), and the deadline rules the demo seed replays its cases' lives
      // with (libs/database/src/seed/demo-reports.ts), so the demo's deadlines are the real ones.
      to: {
        path: '^libs/(auth|reports|notifications|stats|open311|duplicates|letters|attachments)/',
        pathNot: '^libs/(stats/src/indicators-sql|reports/src/(report-clock|deadline-check))[.]ts$',
      },
    },
    {
      name: 'migrations-only-pure',
      severity: 'error',
      comment:
        'A migration runs without Nest, the configuration or path aliases: from libs it imports only pure files that generate SQL from constants.',
      from: { path: '^migrations/' },
      to: {
        path: '^libs/',
        pathNot: '^libs/(calendar/src/working-time-sql|stats/src/indicators-sql)[.]ts$',
      },
    },
    {
      name: 'texts-belong-to-notifications',
      severity: 'error',
      comment: "Statistics and Open311 name statuses through the workflow's labels, not the notification texts.",
      from: { path: '^libs/(stats|open311)/' },
      to: { path: '^libs/notifications/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Runtime imports only: a type-only import vanishes in the build and cannot make a cycle or cross a boundary at run time.
    tsPreCompilationDeps: false,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
