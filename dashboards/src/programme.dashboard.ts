import { DashboardBuilder, DashboardCursorSync, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DAILY_MEASUREMENT } from '../../core/src/index.js';
import { influxSeries, influxTable } from './queries.js';
import { joinOn, numberPanels, ratio, stat, thresholds, timeseries } from './panels.js';

const D = `"${DAILY_MEASUREMENT}"`;
/** Rollup points sit at Japan-local midnight: days bucketed in that zone hold one point per person. */
const BY_DAY = `GROUP BY time(1d) fill(none) tz('Asia/Tokyo')`;
const VALID = `"valid" = true`;

/**
 * Programme overview from the pseudonymous daily rollups: cohort aggregates only, never a row per
 * person (identified and per-person views live in the web UI, under consent).
 */
export function programmeDashboard() {
  return numberPanels(
    new DashboardBuilder('Mimamori: programme overview')
      .uid('mimamori-programme')
      .description(
        'Cohort steps, adherence and participation from the daily rollups (pseudonymous, aggregated). No names, no per-person rows.',
      )
      .tags(['mimamori', 'programme'])
      .timezone('Asia/Tokyo')
      .time({ from: 'now-30d', to: 'now' })
      .refresh('1h')
      .tooltip(DashboardCursorSync.Tooltip)
      .readonly()
      .withRow(new RowBuilder('Over the selected range'))
      .withPanel(
        stat({
          title: 'Active participants (last day)',
          description:
            'People with a daily rollup (any data at all) on the last day of the range. A sudden drop: watches not syncing; see the device fleet dashboard.',
          targets: [influxSeries(`SELECT count("wear_minutes") FROM ${D} WHERE $timeFilter ${BY_DAY}`)],
        }),
      )
      .withPanel(
        stat({
          title: 'Adherence (valid days)',
          description:
            'Share of person-days with data that are valid (wear >= ROLLUP_VALID_WEAR_MINUTES and steps >= ROLLUP_VALID_STEPS). Below 70 %: check wear habits and charging routines with the facilities.',
          unit: 'percentunit',
          targets: [
            influxTable(`SELECT count("wear_minutes") AS "person_days" FROM ${D} WHERE $timeFilter`, 'A'),
            influxTable(`SELECT count("wear_minutes") AS "valid_days" FROM ${D} WHERE ${VALID} AND $timeFilter`, 'B'),
          ],
          transformations: [joinOn('Time'), ratio('valid_days', 'person_days', 'adherence')],
          thresholds: thresholds('red', [
            [0.5, 'orange'],
            [0.7, 'green'],
          ]),
        }),
      )
      .withPanel(
        stat({
          title: 'Mean steps per valid day',
          description:
            'Cohort mean of daily steps over valid days in the range (the effect-verification outcome, before any per-person averaging).',
          unit: 'short',
          targets: [influxSeries(`SELECT mean("steps") FROM ${D} WHERE ${VALID} AND $timeFilter`)],
        }),
      )
      .withPanel(
        stat({
          title: 'Mean wear per day',
          description: 'Hours a day the watches were worn (minutes with a heart-rate sample), all days with data.',
          unit: 'h',
          targets: [influxSeries(`SELECT mean("wear_minutes") / 60 FROM ${D} WHERE $timeFilter`)],
          thresholds: thresholds('orange', [[10, 'green']]),
        }),
      )
      .withRow(new RowBuilder('Day by day'))
      .withPanel(
        timeseries({
          title: 'Cohort daily steps (valid days)',
          description:
            'Mean, median and interquartile range of daily steps over the people with a valid day. A step change for everyone at once is more likely a device or sync problem than behaviour.',
          unit: 'short',
          min: 0,
          targets: [
            influxSeries(
              `SELECT mean("steps") AS "mean", median("steps") AS "median", percentile("steps", 25) AS "p25", percentile("steps", 75) AS "p75" FROM ${D} WHERE ${VALID} AND $timeFilter ${BY_DAY}`,
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Participants per day',
          description:
            'People with any data, and people with a valid day. The gap between the lines is the days lost to short wear.',
          min: 0,
          targets: [
            influxSeries(`SELECT count("wear_minutes") AS "with data" FROM ${D} WHERE $timeFilter ${BY_DAY}`, 'A'),
            influxSeries(
              `SELECT count("wear_minutes") AS "valid day" FROM ${D} WHERE ${VALID} AND $timeFilter ${BY_DAY}`,
              'B',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Adherence per day',
          description: 'Share of people with data whose day was valid.',
          unit: 'percentunit',
          min: 0,
          targets: [
            influxTable(`SELECT count("wear_minutes") AS "person_days" FROM ${D} WHERE $timeFilter ${BY_DAY}`, 'A'),
            influxTable(
              `SELECT count("wear_minutes") AS "valid_days" FROM ${D} WHERE ${VALID} AND $timeFilter ${BY_DAY}`,
              'B',
            ),
          ],
          transformations: [joinOn('Time'), ratio('valid_days', 'person_days', 'adherence')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Wear and active minutes',
          description: 'Mean minutes of wear and of activity (>= ROLLUP_ACTIVE_CADENCE steps a minute) per person-day.',
          unit: 'm',
          min: 0,
          targets: [
            influxSeries(
              `SELECT mean("wear_minutes") AS "wear", mean("active_minutes") AS "active" FROM ${D} WHERE $timeFilter ${BY_DAY}`,
            ),
          ],
        }),
      )
      .withRow(new RowBuilder('Secondary outcomes'))
      .withPanel(
        timeseries({
          title: 'Resting heart rate (cohort mean)',
          description: "Mean of the people's resting heart rate per day (days with enough rest observed).",
          unit: 'none',
          targets: [
            influxSeries(`SELECT mean("resting_heart_rate") AS "resting HR" FROM ${D} WHERE $timeFilter ${BY_DAY}`),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Sleep (cohort mean)',
          description: 'Mean minutes asleep per person-night, with deep and REM sleep.',
          unit: 'm',
          min: 0,
          targets: [
            influxSeries(
              `SELECT mean("sleep_minutes") AS "asleep", mean("sleep_deep_minutes") AS "deep", mean("sleep_rem_minutes") AS "REM" FROM ${D} WHERE $timeFilter ${BY_DAY}`,
            ),
          ],
        }),
      )
      .build(),
  );
}
