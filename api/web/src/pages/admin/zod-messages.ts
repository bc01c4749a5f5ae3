// Zod issues of the API's own schemas in plain words: what is wrong and what to enter instead.
import type { z } from 'zod';
import { msg, type Msg } from './msg.js';

/** What a field needs that the generic messages cannot say (e.g. which characters a pattern allows). */
export interface FieldHints {
  /** For a failed regex: the rule in words. */
  pattern?: string;
  /** Message keys for custom (refine) failures of this field. */
  custom?: string;
  /** A select: "nothing entered" reads "choose one". */
  choice?: boolean;
}

type Issue = z.core.$ZodIssue;

/** One issue as a catalogue message (admin.err.*). */
export function issueMessage(issue: Issue, hints: FieldHints = {}): Msg {
  const i = issue as Issue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      if (i.expected === 'int' || i.format === 'safeint') return msg('admin.err.integer');
      if (i.expected === 'number') return msg('admin.err.number');
      if (i.input === undefined || i.input === null || i.input === '') return msg(hints.choice ? 'admin.err.choose' : 'admin.err.required');
      return msg('admin.err.invalid');
    case 'too_small': {
      const min = Number(i.minimum);
      if (i.origin === 'string') return min <= 1 ? msg('admin.err.required') : msg('admin.err.minLength', { n: min });
      if (i.origin === 'array' || i.origin === 'set') return msg('admin.err.chooseAtLeast', { n: min });
      return msg('admin.err.minNumber', { n: min });
    }
    case 'too_big': {
      const max = Number(i.maximum);
      if (i.origin === 'string') return msg('admin.err.maxLength', { n: max });
      if (i.origin === 'array' || i.origin === 'set') return msg('admin.err.chooseAtMost', { n: max });
      return msg('admin.err.maxNumber', { n: max });
    }
    case 'invalid_format':
      if (i.format === 'regex') return hints.pattern ? msg(hints.pattern) : msg('admin.err.pattern');
      if (i.format === 'email') return msg('admin.err.email');
      if (i.format === 'uuid' || i.format === 'guid') return msg('admin.err.choose');
      if (i.format === 'date') return msg('admin.err.date');
      if (i.format === 'datetime') return msg('admin.err.datetime');
      return msg('admin.err.invalid');
    case 'invalid_value':
      return msg('admin.err.choose');
    case 'custom':
      return hints.custom ? msg(hints.custom) : msg('admin.err.invalid');
    default:
      return msg('admin.err.invalid');
  }
}

/** Every issue under the name of its top-level field (the first issue of a field wins). */
export function issuesByField(issues: readonly Issue[], hints: Record<string, FieldHints>): Record<string, Msg> {
  const out: Record<string, Msg> = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    // a union's inner field (grantee.accountId) belongs to that inner field
    const field = path[path.length - 1] && hints[path[path.length - 1]!] ? path[path.length - 1]! : (path[0] ?? '_form');
    out[field] ??= issueMessage(issue, hints[field]);
  }
  return out;
}
