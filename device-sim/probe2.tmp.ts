import { createProfile } from './src/profile.js';
import { blockSteps } from './src/generate.js';
const p = createProfile(1, process.argv[2] ?? 'mmr-w-0006');
const off = 9 * 3600000; const day0 = Math.floor(Date.parse('2026-11-01T00:00:00+09:00') / 600000);
const days: number[] = [];
for (let d = 0; d < 60; d++) { let t = 0; for (let b = 0; b < 144; b++) t += blockSteps(p, day0 + d * 144 + b, off).reduce((a, c) => a + c, 0); days.push(t); }
days.sort((a, b) => a - b);
console.log(p.dailySteps, 'mean', Math.round(days.reduce((a, b) => a + b) / 60), 'min', days[0], 'median', days[30], 'max', days[59]);
