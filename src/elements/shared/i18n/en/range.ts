/** English: the range control's words (built into the chart, the insights and the log table). */
import type { RangeStrings } from '../strings.ts';

export const range: RangeStrings = {
  custom: 'Custom…',
  form: 'Custom range',
  from: 'From',
  to: 'To',
  apply: 'Apply',
  cancel: 'Cancel',
  zone: (zone) => `Whole days in ${zone}`,
  problems: {
    missing: 'Choose a From and a To date.',
    invalid: 'Enter a valid date (1970 or later).',
    order: 'From must be on or before To.',
    future: 'Dates can’t be in the future.',
  },
  tooLong: (days) => `A range can span at most ${days} days.`,
};
