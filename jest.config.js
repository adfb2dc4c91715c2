/** Test taxonomy by file name (STYLE.md): *.unit.spec.ts pure, *.int.spec.ts real PostgreSQL/Kafka, *.e2e.spec.ts through HTTP. */
const moduleNameMapper = {
  '^@app/(domain|postgres|transport|config|documents|fixtures)$': '<rootDir>/libs/$1/src',
  '^@app/(domain|postgres|transport|config|documents|fixtures)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const common = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testEnvironment: 'node',
  moduleNameMapper,
  rootDir: __dirname,
};
module.exports = {
  transform: common.transform,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e.spec.ts'] },
  ],
  // Once per run, for every project: a template database and (unless KAFKA_BROKERS is set) a real Kafka broker.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
};
