import { pino } from 'pino';
import { createLogger, loadConfigOrExit } from '../../core/src/index.js';
import { parseSimArgs } from './cli.js';
import { runHistoryCommand } from './commands/history.command.js';
import { runLiveCommand } from './commands/live.command.js';
import { runReplayCommand } from './commands/replay.command.js';
import { SimConfigSchema } from './config.js';

const cli = parseSimArgs(process.argv.slice(2));
const config = loadConfigOrExit(SimConfigSchema, 'device-sim');
// with --dry-run or --json stdout carries data: logs go to stderr (pino's fd 2)
const destination = cli.dryRun || cli.json ? pino.destination({ dest: 2, sync: true }) : undefined;
const logger = createLogger({ service: 'device-sim', level: config.LOG_LEVEL, destination });

if (cli.mode === 'history') await runHistoryCommand({ cli, config, logger });
else if (cli.mode === 'replay') await runReplayCommand({ cli, config, logger });
else await runLiveCommand({ cli, config, logger });
