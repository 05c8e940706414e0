// Four projects: `unit` (jsdom, fakes allowed), `bundle` (the built main.js), `fuzz` (parity with the Go half) and `e2e` (node, against the real
// server started by e2e/run.sh; never run without it).
const tsJest = ['ts-jest', {tsconfig: {jsx: 'react', module: 'commonjs', esModuleInterop: true, resolveJsonModule: true, isolatedModules: true}}];

module.exports = {
    projects: [
        {
            displayName: 'unit',
            testEnvironment: 'jsdom',
            roots: ['<rootDir>/webapp/src'],
            transform: {'^.+\\.tsx?$': tsJest},
            setupFilesAfterEnv: ['<rootDir>/webapp/jest.setup.ts'],
        },
        {
            // The built bundles (production and development) against what the hosts it must run on provide.
            displayName: 'bundle',
            testEnvironment: 'node',
            roots: ['<rootDir>/webapp/bundle'],
            transform: {'^.+\\.tsx?$': tsJest},
        },
        {
            // make fuzz: fast-check against the Go half (needs PARITY_PEER).
            displayName: 'fuzz',
            testEnvironment: 'node',
            roots: ['<rootDir>/scripts/parity'],
            testMatch: ['**/*.fuzz.ts'],
            transform: {'^.+\\.tsx?$': tsJest},
        },
        {
            displayName: 'e2e',
            testEnvironment: 'node',
            roots: ['<rootDir>/e2e/tests'],
            transform: {'^.+\\.tsx?$': tsJest},
            setupFilesAfterEnv: ['<rootDir>/e2e/tests/setup.ts'],
        },
    ],
};
