import { readdirSync, readFileSync } from 'node:fs';
import { cpuSecondsOf } from './pipeline-processes.js';

/** PIDs of the bench stack's engines (scripts/stack.sh writes them under <data dir>/run). */
function enginePids(dataDir: string): Record<string, number[]> {
  const pidFile = (path: string) => {
    try {
      return [Number(readFileSync(path, 'utf8').split('\n')[0])].filter((n) => n > 0);
    } catch {
      return [];
    }
  };
  const postmaster = pidFile(`${dataDir}/postgres/data/postmaster.pid`);
  return {
    mosquitto: pidFile(`${dataDir}/run/mosquitto.pid`),
    redis: pidFile(`${dataDir}/run/redis.pid`),
    influxdb: pidFile(`${dataDir}/run/influxdb.pid`),
    // PostgreSQL works in one backend process per connection
    postgres: postmaster.length ? [...postmaster, ...childrenOf(postmaster[0]!)] : [],
  };
}

function childrenOf(parent: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === parent) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * CPU seconds used so far by each engine and by this bench process (its publisher and subscriber
 * threads): with the pipeline's own figures they show where a phase's two cores went. A backend
 * that exits during a phase takes its seconds along, so PostgreSQL's figure is a lower bound.
 */
export function engineCpuNow(dataDir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, pids] of Object.entries(enginePids(dataDir))) out[name] = pids.reduce((a, p) => a + cpuSecondsOf(p), 0);
  const self = process.cpuUsage();
  out.bench = (self.user + self.system) / 1e6;
  return out;
}
