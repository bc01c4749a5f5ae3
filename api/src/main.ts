import cluster from 'node:cluster';
import { createLogger, loadConfigOrExit } from '../../core/src/index.js';
import { runApiPrimary } from './cluster/api-primary.js';
import { apiConfigSchema } from './config.js';
import { serveApi } from './serve.js';

const config = loadConfigOrExit(apiConfigSchema, 'api');
const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });

if (config.API_PROCESSES > 1 && cluster.isPrimary) await runApiPrimary(config, logger);
else await serveApi(config, cluster.isWorker ? logger.child({ worker: cluster.worker!.id }) : logger);
