// Prints vitest's JSON report as the plain line CI reads: "N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-results.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.log(`0 passed, 1 failed`);
  console.error(`no readable vitest report at ${file}: ${err.message}`);
  process.exit(1);
}
// A suite that failed to load counts as a failure even when it reported no tests.
const brokenSuites = (report.testResults ?? []).filter(
  (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
).length;
const failed = report.numFailedTests + brokenSuites;
console.log(
  `${report.numPassedTests} passed, ${failed} failed, ${report.numPendingTests + (report.numTodoTests ?? 0)} skipped`,
);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
