import { runMigrations } from '../../core/src/index.js';
import { faultStack, faultStackSettings } from './fault-stack.js';

export default async function setup() {
  await faultStack('up');
  await runMigrations(faultStackSettings().TEST_DATABASE_URL);
}
