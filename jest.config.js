/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Two workers on two cores (jest's default leaves one core to its idle parent): many suites wait on
  // processes they start (LibreOffice, Chromium, xxgk serve, PostgreSQL), so both cores stay busy.
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};
