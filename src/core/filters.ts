/** Log filter semantics shared by the simulator and the BFF. */
import type { LogFilterOperator } from '../contract/upstream.ts';

/**
 * Whether a field value passes a v3.1 log filter. Case-sensitive; an absent field compares as
 * the empty string, so `!= x` and `not_contains x` match it. The upstream docs are silent on this
 * (docs/composio-v3.1.md#unverified).
 */
export function matchesFilter(operator: LogFilterOperator, expected: string, actual: string): boolean {
  switch (operator) {
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case 'contains':
      return actual.includes(expected);
    case 'not_contains':
      return !actual.includes(expected);
  }
}
