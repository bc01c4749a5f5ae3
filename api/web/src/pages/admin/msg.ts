import { t, type MessageKey } from '../../i18n/i18n.js';

/** A message to show later: translated at render time, so switching the language updates it. */
export interface Msg {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export const msg = (key: string, vars?: Msg['vars']): Msg => ({ key: key as MessageKey, ...(vars ? { vars } : {}) });
export const say = (m: Msg): string => t(m.key, m.vars);
