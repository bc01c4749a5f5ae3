import { createProfile } from './src/profile.js';
import { generateInterval } from './src/generate.js';
import { defaultDeviceIds } from './src/device-ids.js';
import { startOfLocalDay } from '../core/src/index.js';
const day0 = startOfLocalDay(Date.parse('2026-11-30T12:00:00+09:00'));
const hourly = new Array(24).fill(0);
let hrMin = 999, hrMax = 0;
const t0 = performance.now(); let n = 0;
for (const id of defaultDeviceIds(30)) {
  const p = createProfile(1, id);
  const totals: number[] = [];
  for (let d = 0; d < 3; d++) {
    let total = 0;
    for (let m = 0; m < 1440; m++) {
      const s = day0 + d * 86400000 + m * 60000;
      const rs = generateInterval(p, s, s + 60000); n++;
      for (const r of rs) {
        if (r.metric === 'step_count') { total += r.value; if (d === 0) hourly[Math.floor(m / 60)] += r.value; }
        if (r.metric === 'heart_rate') { hrMin = Math.min(hrMin, r.value); hrMax = Math.max(hrMax, r.value); }
      }
    }
    totals.push(total);
  }
  console.log(id, 'target', p.dailySteps, 'cad', p.cadence, 'bout', p.boutMinutes, 'rest', p.restingHeartRate, 'days', totals.join(' '));
}
console.log('hourly', hourly.map((v) => Math.round(v / 30)).join(' '));
console.log('hr', hrMin, hrMax, 'us/interval', ((performance.now() - t0) * 1000 / n).toFixed(1));
const p = createProfile(1, 'mmr-w-0001');
console.log(JSON.stringify(generateInterval(p, day0 + 10 * 3600000 + 14 * 60000, day0 + 10 * 3600000 + 16 * 60000), null, 0));
