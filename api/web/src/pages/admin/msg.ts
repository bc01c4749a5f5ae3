// A message to show later (no DOM, no i18n state here: the zod and server mappings stay testable in node).
import type { MessageKey } from '../../i18n/ja.js';

/** Translated at render time (say.ts), so switching the language updates it. */
export interface Msg {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export const msg = (key: string, vars?: Msg['vars']): Msg => ({ key: key as MessageKey, ...(vars ? { vars } : {}) });
