import { describe, expect, it } from 'vitest';
import { CanonicalMessageSchema, ReadingInputSchema, implausibility } from '../../core/src/index.js';
import { parseActivityHour, parseHourlySteps, readHourlySteps } from '../../device-sim/src/replay/fitabase-csv.js';
import { REPLAY_VENDOR, replayDeviceId, replayMessages } from '../../device-sim/src/replay/replay-messages.js';

describe('the Fitabase hourly steps export', () => {
  it('reads ActivityHour in both spellings as a local date and hour', () => {
    expect(parseActivityHour('4/12/16 0:00')).toEqual({ date: '2016-04-12', hour: 0 });
    expect(parseActivityHour('5/1/16 23:00')).toEqual({ date: '2016-05-01', hour: 23 });
    expect(parseActivityHour('4/12/2016 12:00:00 AM')).toEqual({ date: '2016-04-12', hour: 0 });
    expect(parseActivityHour('4/12/2016 1:00:00 PM')).toEqual({ date: '2016-04-12', hour: 13 });
    expect(parseActivityHour('4/12/2016 12:00:00 PM')).toEqual({ date: '2016-04-12', hour: 12 });
    for (const bad of ['2/30/16 1:00', '4/12/16 24:00', '4/12/16 1:30', '13/1/16 0:00', 'yesterday']) {
      expect(parseActivityHour(bad), bad).toBeNull();
    }
  });

  it('refuses a file with another header or an unreadable row, naming the line', () => {
    expect(() => parseHourlySteps('Id,When,Steps\n1,4/12/16 0:00,3')).toThrow(/header/);
    expect(() => parseHourlySteps('Id,ActivityHour,StepTotal\n1,4/12/16 0:00,3\n1,4/12/16 1:00,-4')).toThrow(/line 3/);
  });

  it('has 22,099 rows of 33 people, all within the hard range of a one-hour step interval', async () => {
    const rows = await readHourlySteps();
    expect(rows).toHaveLength(22_099);
    expect(new Set(rows.map((r) => r.id)).size).toBe(33);
    expect(new Set(rows.map((r) => `${r.id} ${r.date} ${r.hour}`)).size).toBe(rows.length);
    expect(Math.max(...rows.map((r) => r.steps))).toBeLessThanOrEqual(250 * 60);
  });
});

describe('replay messages', () => {
  const rows = parseHourlySteps(
    [
      'Id,ActivityHour,StepTotal',
      '111,4/12/16 23:00,40',
      '111,4/12/16 0:00,373',
      '222,4/12/16 0:00,0',
      '111,4/13/16 0:00,5',
    ].join('\n'),
  );

  it('sends one canonical message per person and local date of hourly step intervals in Japan time', () => {
    const messages = replayMessages(rows, (id) => replayDeviceId('fb', id));
    expect(messages.map((m) => [m.date, m.deviceId, m.message.readings.length])).toEqual([
      ['2016-04-12', 'fb-111', 2],
      ['2016-04-12', 'fb-222', 1],
      ['2016-04-13', 'fb-111', 1],
    ]);
    const first = CanonicalMessageSchema.parse(messages[0]!.message);
    expect(first.source).toEqual({ vendor: REPLAY_VENDOR, format: 'canonical' });
    expect(first.sentAt).toBe('2016-04-13T00:00:00.000+09:00');
    expect(first.readings).toEqual([
      {
        metric: 'step_count',
        start: '2016-04-12T00:00:00.000+09:00',
        end: '2016-04-12T01:00:00.000+09:00',
        value: 373,
        unit: '{steps}',
      },
      {
        metric: 'step_count',
        start: '2016-04-12T23:00:00.000+09:00',
        end: '2016-04-13T00:00:00.000+09:00',
        value: 40,
        unit: '{steps}',
      },
    ]);
    for (const r of first.readings) expect(implausibility(ReadingInputSchema.parse(r))).toBeNull();
  });

  it('can read the local times in another zone', () => {
    const [m] = replayMessages(rows, (id) => `x-${id}`, 'America/Los_Angeles');
    expect(m!.message.readings[0]!.start).toBe('2016-04-12T00:00:00.000-07:00');
  });
});
