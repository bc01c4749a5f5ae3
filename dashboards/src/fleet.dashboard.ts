import {
  DashboardBuilder,
  DashboardCursorSync,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { INFLUX } from './datasources.js';
import { influxSeries, influxTable } from './queries.js';
import { numberPanels, stat, table, thresholds, timeseries } from './panels.js';

const DEV = `"device" =~ /^$device$/`;
const LAST_BATTERY = `SELECT last("value") AS "battery" FROM "battery_level" WHERE ${DEV} AND $timeFilter GROUP BY "device"`;

/** Device fleet health: when each watch last reported, its battery and status events. Device ids only. */
export function fleetDashboard() {
  const device = new QueryVariableBuilder('device')
    .label('Device')
    .datasource(INFLUX)
    .query('SHOW TAG VALUES FROM "battery_level" WITH KEY = "device"')
    .definition('SHOW TAG VALUES FROM "battery_level" WITH KEY = "device"')
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true);

  return numberPanels(
    new DashboardBuilder('Mimamori: device fleet health')
      .uid('mimamori-fleet')
      .description(
        'Last report, battery, wear and status events per watch, by device id. No names, no vital-sign values.',
      )
      .tags(['mimamori', 'devices'])
      .timezone('Asia/Tokyo')
      .time({ from: 'now-24h', to: 'now' })
      .refresh('5m')
      .tooltip(DashboardCursorSync.Crosshair)
      .readonly()
      .withVariable(device)
      .withRow(new RowBuilder('Fleet'))
      .withPanel(
        stat({
          title: 'Watches reporting',
          description:
            'Devices with at least one battery report in the range. Fewer than enrolled watches: see "Last report" below for the silent ones.',
          targets: [influxSeries(`SELECT count("battery") FROM (${LAST_BATTERY})`)],
        }),
      )
      .withPanel(
        stat({
          title: 'Lowest battery',
          description:
            'The lowest last-reported battery level among the selected watches (red under 15 %, the default of the care-staff battery_low alert). Find the watch in "Last report and battery" and ask the facility to charge it.',
          unit: 'percent',
          targets: [influxSeries(`SELECT min("battery") FROM (${LAST_BATTERY})`)],
          thresholds: thresholds('red', [
            [15, 'orange'],
            [30, 'green'],
          ]),
        }),
      )
      .withPanel(
        stat({
          title: 'Off-wrist events',
          description: 'Times watches were taken off in the range. Many from one device: a strap or fit problem.',
          targets: [
            influxSeries(
              `SELECT count("value") FROM "device_status" WHERE "status" = 'off_wrist' AND ${DEV} AND $timeFilter`,
            ),
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Heart-rate samples',
          description: 'Heart-rate samples stored in the range, all selected devices: the volume the pipeline carried.',
          unit: 'short',
          targets: [influxSeries(`SELECT count("value") FROM "heart_rate" WHERE ${DEV} AND $timeFilter`)],
        }),
      )
      .withRow(new RowBuilder('Per device'))
      .withPanel(
        table({
          title: 'Last report and battery',
          description:
            "Time of each watch's last battery report and its level. A time far behind now: the watch is off, flat, or out of its gateway's reach.",
          unit: 'percent',
          targets: [influxTable(LAST_BATTERY)],
          thresholds: thresholds('red', [
            [15, 'orange'],
            [30, 'green'],
          ]),
        }),
      )
      .withPanel(
        table({
          title: 'Last worn',
          description:
            'The last hour in which each watch measured heart rate (it does so only on the wrist) and how many samples it took then (60 at one a minute: worn all hour). No heart-rate values are shown here.',
          targets: [
            influxTable(
              `SELECT last("samples") AS "heart-rate samples that hour" FROM (SELECT count("value") AS "samples" FROM "heart_rate" WHERE ${DEV} AND $timeFilter GROUP BY time(1h), "device" fill(none)) GROUP BY "device"`,
            ),
          ],
        }),
      )
      .withRow(new RowBuilder('Over time'))
      .withPanel(
        timeseries({
          title: 'Battery level',
          description:
            'Battery per watch. A watch that drains in well under a day needs a new battery or fewer measurements.',
          unit: 'percent',
          min: 0,
          targets: [
            influxSeries(
              `SELECT mean("value") FROM "battery_level" WHERE ${DEV} AND $timeFilter GROUP BY time($__interval), "device" fill(none)`,
            ).alias('$tag_device'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Status events',
          description:
            'Wear, charging and power events per interval, by kind. powered_off without charging_started: the battery ran flat.',
          stack: true,
          targets: [
            influxSeries(
              `SELECT count("value") FROM "device_status" WHERE ${DEV} AND $timeFilter GROUP BY time($__interval), "status" fill(none)`,
            ).alias('$tag_status'),
          ],
        }),
      )
      .build(),
  );
}
