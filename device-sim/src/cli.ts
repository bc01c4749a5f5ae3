import { Command, Option } from 'commander';
import { DAY_MS } from './day-factors.js';
import { between, deviceList, duration, integer, oneOf, parseStart, positive, rate } from './cli-values.js';
import { FAULT_KINDS } from './faults/fault-options.js';
import { SIM_FORMATS } from './formats/index.js';
import { SCENARIOS } from './scenario.js';
import { resolveSimCli, type SimCli } from './cli-resolve.js';

export { parseStart } from './cli-values.js';
export type { HistoryCli, LiveCli, ReplayCli, SimCli } from './cli-resolve.js';

export const SIM_MODES = ['live', 'history', 'replay'] as const;

function addFaultOptions(cmd: Command): Command {
  cmd.optionsGroup('Faults (each a rate from 0 to 1; see docs/simulator.md):');
  for (const kind of FAULT_KINDS) cmd.option(`--fault-${kind} <rate>`, FAULT_HELP[kind], rate);
  return cmd
    .option('--offline-min <dur>', 'shortest offline period (simulated)', duration(1_000, 30 * DAY_MS), 15 * 60_000)
    .option('--offline-max <dur>', 'longest offline period (simulated)', duration(1_000, 30 * DAY_MS), 3 * 3_600_000)
    .option('--oversized-bytes <n>', 'size of an oversized message', integer(1_024, 64 * 1_048_576), 1_100_000)
    .option('--max-skew <dur>', 'largest clock error of a skewed watch', duration(60_000, DAY_MS), 30 * 60_000);
}

const FAULT_HELP: Record<(typeof FAULT_KINDS)[number], string> = {
  offline: 'chance per watch and message of going offline; held messages are backfilled on reconnect',
  duplicate: 'chance per message of publishing it twice',
  'out-of-order': "chance per message of holding it back behind the watch's next message",
  'clock-skew': 'share of watches whose clock is off by 1 min up to --max-skew',
  malformed: 'chance per message of a malformed copy before it (bad JSON, bad envelope, bad content)',
  oversized: 'chance per message of an oversized copy before it',
  'wrong-topic': "chance per message of a copy on another watch's topic",
  burst: 'chance per message of sending its readings as a burst of small messages',
};

export function createSimCommand(): Command {
  const cmd = new Command('sim')
    .description(
      'Simulated watches of the pilot: live, history (D days as fast as the pipeline takes them) or replay of a real export',
    )
    .argument('[mode]', `${SIM_MODES.join(' | ')}`, oneOf(SIM_MODES), 'live')
    .option('--watches <n>', 'number of watches', integer(1, 1_000_000), 30)
    .option('--devices <ids>', 'comma-separated device ids (overrides --watches and the registry)', deviceList)
    .option('--no-registry', 'ignore DATABASE_URL; use mmr-w-0001..N (replay: fb-<Id>)')
    .option('--seed <n>', 'seed of the generated data', integer(0, Number.MAX_SAFE_INTEGER), 1)
    .addOption(
      new Option('--format <format>', 'wire format (mixed: the watches take the formats in turn)')
        .choices(SIM_FORMATS)
        .default('canonical'),
    )
    .option('--qos <0|1>', 'MQTT QoS of the publishes', integer(0, 1), 1)
    .option('--max-outstanding <n>', 'most unacknowledged publishes before waiting', integer(1, 100_000), 1000)
    .option('--dry-run', 'write the messages as JSON lines ({topic, payload}) to stdout instead of publishing')
    .option('--json', 'print the final summary as one JSON line')
    .option(
      '--start <when>',
      'simulated start (live: default the last --duration up to now, else local midnight today; history: --days before today)',
      parseStart,
    )
    .optionsGroup('Live mode:')
    .addOption(
      new Option('--interval <dur>', "simulated time between a watch's messages")
        .argParser(duration(1_000, DAY_MS))
        .default(60_000, '60s'),
    )
    .option('--speed <x>', 'simulated seconds per real second', positive, 1)
    .option('--duration <dur>', 'simulated span to generate (default: until stopped)', duration(1_000, 3_650 * DAY_MS))
    .optionsGroup('History mode:')
    .option('--days <n>', 'days to generate', integer(1, 3_650), 7)
    .addOption(
      new Option('--chunk <dur>', 'simulated span of one message per watch')
        .argParser(duration(60_000, DAY_MS))
        .default(3_600_000, '1h'),
    )
    .addOption(new Option('--scenario <name>', 'a cohort with a known effect').choices(SCENARIOS))
    .option(
      '--effect <x>',
      'mean relative change of daily steps (default +0.12 intervention, -0.5 decline)',
      between(-0.95, 5),
    )
    .option(
      '--effect-from-day <n>',
      'day (1 = first) the change starts (default 29 intervention, 15 decline)',
      integer(1, 3_650),
    )
    .option('--decline-weeks <n>', 'decline: weeks over which activity falls', integer(0, 520))
    .option('--decline-share <x>', 'decline: share of the cohort that declines', rate)
    .option('--drop-out-share <x>', 'intervention: share of people who leave early', rate)
    .option(
      '--truth-file <path>',
      'where to write the true per-person effects (default .data/sim/truth-<scenario>-seed<n>.json)',
    )
    .optionsGroup('Replay mode:')
    .option('--file <csv>', 'Fitabase hourlySteps_merged.csv (default ../shared/datasets/fitabase-2016/...)')
    .option('--mapping <json>', 'JSON file {"<Fitabase Id>": "<device id>"} instead of registering devices')
    .option('--device-prefix <p>', 'replay device ids are <p>-<Id>', 'fb')
    .showHelpAfterError('(add --help for usage)');
  return addFaultOptions(cmd);
}

/** Parses the command line (without node and script) into resolved options. */
export function parseSimArgs(args: string[], opts: { nowMs?: number; command?: Command } = {}): SimCli {
  const cmd = opts.command ?? createSimCommand();
  cmd.parse(args, { from: 'user' });
  return resolveSimCli(cmd, opts.nowMs ?? Date.now());
}
