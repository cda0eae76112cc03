// Tests that need a system tool skip with a one-line reason when it is missing, except in CI
// (CI=true), where .ci/run installs the tools and a missing one is a failure, not a skip.
import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

export function toolAvailable(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export function describeWithTool(tool: string, name: string, body: () => void): void {
  if (toolAvailable(tool)) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${tool}, which CI must install`, () => {
        throw new Error(`${tool} is not installed; .ci/run installs it`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${tool} is not installed)`, body);
  }
}
