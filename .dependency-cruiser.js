// The layers of ARCHITECTURE.md, checked by `npm run deps` in CI. Type-only imports count: a
// layer that needs a higher layer's types depends on it just the same.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module may reach itself through its imports.',
      from: { path: '^(bot|dialogs|bench)/' },
      to: { circular: true }
    },
    {
      name: 'dialogs-not-to-bot',
      severity: 'error',
      comment: 'dialogs/ is pure conversation logic; everything that touches the world lives in bot/.',
      from: { path: '^dialogs/' },
      to: { path: '^bot/' }
    },
    {
      name: 'locales-import-nothing',
      severity: 'error',
      comment: 'Locale files hold words only.',
      from: { path: '^locales/' },
      to: {}
    },
    {
      name: 'dialogs-types-below-everything',
      severity: 'error',
      comment: 'The contracts at the top of dialogs/ (types.ts, services.ts) are the bottom layer: types → nlu → intake → render → turn.',
      from: { path: '^dialogs/[^/]+$' },
      to: { path: '^dialogs/(nlu|intake|render|turn)/' }
    },
    {
      name: 'dialogs-nlu-below-intake',
      severity: 'error',
      comment: 'types → nlu → intake → render → turn: nlu may import only types.',
      from: { path: '^dialogs/nlu/' },
      to: { path: '^dialogs/(intake|render|turn)/' }
    },
    {
      name: 'dialogs-intake-below-render',
      severity: 'error',
      comment: 'types → nlu → intake → render → turn: the statechart says what to ask, never how it is worded.',
      from: { path: '^dialogs/intake/' },
      to: { path: '^dialogs/(render|turn)/' }
    },
    {
      name: 'dialogs-render-below-turn',
      severity: 'error',
      comment: 'types → nlu → intake → render → turn: render does not know how a turn is taken.',
      from: { path: '^dialogs/render/' },
      to: { path: '^dialogs/turn/' }
    },
    {
      name: 'web-not-to-agent',
      severity: 'error',
      comment: 'The web widget serves pages and tokens; it does not reach into the agent.',
      from: { path: '^bot/web/' },
      to: { path: '^bot/agent/' }
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment: 'Only tests import test helpers.',
      from: { pathNot: '^test/' },
      to: { path: '^test/' }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.json']
    }
  }
};
