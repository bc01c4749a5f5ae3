import {
  applyAlertEvaluation,
  listAlertTargets,
  loadAlertSettings,
  withTransaction,
  type AlertCondition,
  type InfluxClient,
  type Logger,
  type PgPool,
} from '../../../core/src/index.js';
import { gatherAlertFacts } from './alert-facts.js';
import { evaluateAlertRules } from './alert-rules.js';

/** One evaluation of every alert rule for everyone wearing a watch now. */
export function createAlertEvaluator(deps: {
  pool: PgPool;
  influx: InfluxClient;
  logger: Logger;
  /** Kinds of the alerts just raised (metrics). */
  onRaised?: (kinds: string[]) => void;
}) {
  return async function evaluateAlerts(nowMs = Date.now()) {
    const targets = await listAlertTargets(deps.pool);
    if (targets.length === 0) return { evaluated: 0, raised: 0, cleared: 0 };
    const settings = await loadAlertSettings(deps.pool, [...new Set(targets.map((t) => t.facilityId))]);
    const spo2Limits = [...new Set([...settings.values()].map((s) => s.lowSpo2Percent))];
    const facts = await gatherAlertFacts(
      deps.influx,
      targets.map((t) => t.pseudonym),
      nowMs,
      spo2Limits,
    );
    const conditions: AlertCondition[] = targets.flatMap((t) =>
      evaluateAlertRules(facts.get(t.pseudonym)!, settings.get(t.facilityId)!, nowMs).map((c) => ({
        ...c,
        personId: t.personId,
        facilityId: t.facilityId,
      })),
    );
    const result = await withTransaction(deps.pool, (db) =>
      applyAlertEvaluation(
        db,
        targets.map((t) => t.personId),
        conditions,
      ),
    );
    if (result.raised.length) deps.onRaised?.(result.raised.map((a) => a.kind));
    if (result.raised.length || result.cleared) {
      deps.logger.info({ raised: result.raised.map((a) => a.kind), cleared: result.cleared }, 'alerts changed');
    }
    return { evaluated: targets.length, raised: result.raised.length, cleared: result.cleared };
  };
}
