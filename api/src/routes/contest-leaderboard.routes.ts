import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listContestants, localDate, type InfluxClient, type PgPool } from '../../../core/src/index.js';
import { loadCohortDaily, type DailyRecord } from '../analysis/cohort-daily.js';
import { addDays, mondayOf } from '../analysis/local-dates.js';
import { principalOf } from '../access/enforce.js';
import { auditAggregateRead } from '../audit/audit-aggregate.js';
import { periodOf, rankLeaderboard, type LeaderboardRules } from '../contest/leaderboard.js';
import { SECURED } from '../schemas/common.schema.js';
import { LeaderboardQuerySchema, LeaderboardSchema } from '../schemas/contest.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';

const BASELINE_DAYS = 14;
const MIN_VALID_DAYS = 4;

/**
 * The leaderboard: every signed-in account may see it (participants, their families, staff), but
 * only nicknames of people with an active entry and an active contest consent, never names.
 */
export const contestLeaderboardRoutes: FastifyPluginAsyncZod<{ pool: PgPool; influx: InfluxClient }> = async (
  app,
  { pool, influx },
) => {
  app.get(
    '/contest/leaderboard',
    {
      config: { access: 'account' },
      schema: {
        tags: ['contest'],
        summary: 'Step contest leaderboard: % change from one’s own baseline over valid days; raw steps secondary',
        description:
          `Ranked by the change of mean steps per valid day against the ${BASELINE_DAYS} days before the person ` +
          `started (fair across care levels). A baseline needs ${MIN_VALID_DAYS} valid days; a full week too (fewer ` +
          'while the week is young). Only days before today count. Unranked people follow, with the reason.',
        security: SECURED,
        querystring: LeaderboardQuerySchema,
        response: { 200: LeaderboardSchema, ...v1ErrorResponses, 403: ErrorBodySchema },
      },
    },
    async (req) => {
      const today = localDate(Date.now());
      const rules: LeaderboardRules = {
        period: req.query.period,
        week: mondayOf(req.query.week ?? today),
        today,
        baselineDays: BASELINE_DAYS,
        minValidDays: MIN_VALID_DAYS,
      };
      const period = periodOf(rules);
      const contestants = await listContestants(pool);
      const earliest = contestants.reduce((m, c) => (c.startsOn < m ? c.startsOn : m), period.to);
      const from = addDays(rules.period === 'week' && period.from < earliest ? period.from : earliest, -BASELINE_DAYS);
      const data = contestants.length
        ? await loadCohortDaily(
            influx,
            contestants.map((c) => c.pseudonym),
            { from, to: period.to },
          )
        : new Map<string, DailyRecord[]>();
      const me = principalOf(req).role === 'self' ? principalOf(req).personId : null;
      const rows = rankLeaderboard(
        contestants.map((c) => ({
          nickname: c.nickname,
          startsOn: c.startsOn,
          you: c.personId === me,
          days: (data.get(c.pseudonym) ?? []).map((d) => ({
            date: d.date,
            valid: d.fields.valid === true,
            steps: typeof d.fields.steps === 'number' ? d.fields.steps : null,
          })),
        })),
        rules,
      );
      await auditAggregateRead(pool, req, {
        action: 'read.contest',
        people: contestants.length,
        detail: { period: rules.period, ...(rules.period === 'week' ? { week: rules.week } : {}) },
      });
      return {
        period: rules.period,
        from: rules.period === 'week' ? period.from : null,
        to: period.to,
        baselineDays: BASELINE_DAYS,
        minValidDays: MIN_VALID_DAYS,
        rankedBy: '% change of mean steps per valid day from the own baseline',
        rows,
      };
    },
  );
};
