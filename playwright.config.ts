import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, SYSTEM_CHROMIUM } from './test-support/chromium.ts';

/** A port of its own, so the suite never collides with a course already running on 8080. */
const PORT = Number(process.env.E2E_PORT ?? 8790);
// The instructor's view is on for the suite (e2e/instructor.spec.ts reads the same variable).
process.env.E2E_INSTRUCTOR_TOKEN ??= 'jeton-formateur-de-la-suite-e2e';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  // The suite waits on sockets and timers more than on the CPU: two workers even on two cores.
  workers: 2,
  forbidOnly: !!process.env.CI,
  // On CI, one retry: Playwright then reports a test that passed only the second time as « flaky »
  // in the log, and a test that fails twice still fails the run.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  timeout: 60_000,
  // A stuck suite fails well within CI's limit instead of eating it.
  globalTimeout: 50 * 60_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    // Debian's Chromium where it is installed: Playwright cannot download its own here.
    launchOptions: {
      executablePath: SYSTEM_CHROMIUM,
      args: CHROMIUM_FLAGS,
    },
  },
  projects: [
    { name: 'course', testIgnore: /dev-server\.spec\.ts$/ },
    // Last and alone: a cold `npm run dev` takes both cores for a while, which would slow the
    // course's own tests running beside it past their waits. Alone: --project dev-server --no-deps.
    { name: 'dev-server', testMatch: /dev-server\.spec\.ts$/, dependencies: ['course'] },
  ],
  webServer: {
    command: 'node server/main.ts',
    // Every test connects from 127.0.0.1, and one of them opens 3,000 sockets on purpose: with the
    // default per-address cap (50), tests in the other worker would be refused. The caps are the
    // server tests' subject (server/admission-caps.test.ts), not the pages'.
    env: { PORT: String(PORT), HOST: 'localhost', LOG_LEVEL: 'error', MAX_CONNECTIONS_PER_IP: '10000', INSTRUCTOR_TOKEN: process.env.E2E_INSTRUCTOR_TOKEN },
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
