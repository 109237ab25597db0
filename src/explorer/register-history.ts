/**
 * Register models keep what the clients observed in their state (a consistency tester, or the
 * register-models `RegisterHistory` holding one per consistency condition). The Explorer shows it
 * as the HTML report's timeline with the verdict at the current state: `GET /.timeline/<path>`
 * serves that report, the page frames it.
 */
import { ConsistencyTester, checkHistory, explainViolation } from '../../consistency/index.js';
import { historyReportHtml } from '../render/index.js';

type AnyTester = ConsistencyTester<unknown, unknown, unknown>;

/** The testers inside an actor model's history, if it holds any. */
function testersOf(history: unknown): AnyTester[] {
  if (history instanceof ConsistencyTester) return [history as AnyTester];
  if (typeof history !== 'object' || history === null) return [];
  const fields = history as { linearizability?: unknown; sequentialConsistency?: unknown };
  return [fields.linearizability, fields.sequentialConsistency].filter((t): t is AnyTester => t instanceof ConsistencyTester);
}

/** How many operations the clients performed, and one verdict per tester; undefined if no tester. */
export function historyTester(history: unknown): { operations: number; verdicts: string[] } | undefined {
  const testers = testersOf(history);
  if (testers.length === 0) return undefined;
  return {
    operations: testers[0].size,
    verdicts: testers.map((t) => (!t.isWellFormed() ? `malformed history: ${t.error}` : `${t.isConsistent() ? '' : 'not '}${t.consistency}`)),
  };
}

/** The history report (timeline, verdict, and the explanation when it fails) of the first tester. */
export function timelineHtml(history: unknown, title: string): string | undefined {
  const tester = testersOf(history)[0];
  if (tester === undefined) return undefined;
  const operations = tester.toOperations();
  const result = checkHistory(operations, tester.model, tester.consistency);
  const explanation = result.valid === false ? explainViolation(operations, tester.model, tester.consistency, result) : null;
  return historyReportHtml({ history: operations, model: tester.model, consistency: tester.consistency, result, explanation, title });
}
