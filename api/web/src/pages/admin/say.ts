import { t } from '../../i18n/i18n.js';
import type { Msg } from './msg.js';

export const say = (m: Msg): string => t(m.key, m.vars);
