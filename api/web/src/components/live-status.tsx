import { fmtDate, t } from '../i18n/i18n.js';
import { liveConnected } from '../lib/live.js';

/** "Updating live · updated 14:05" (polite: announced without interrupting). */
export function LiveStatus({ at }: { at: number | null }) {
  return (
    <p class="live" aria-live="polite" data-testid="live-status" data-live={liveConnected.value ? 'on' : 'off'}>
      {liveConnected.value ? t('app.live') : t('app.liveOff')}
      {at !== null && ` · ${t('app.updatedAt', { time: fmtDate(at, 'time') })}`}
    </p>
  );
}
