// Entry of the bench's worker threads: Node 20 does not pass tsx's loader hooks to worker threads,
// so each thread registers tsx itself before importing its TypeScript module (workerData.entry).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
