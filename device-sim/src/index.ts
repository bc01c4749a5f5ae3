// What other tools (the bench, fixture scripts, tests) may use of the simulator.
export { createSimClock, type SimClock } from './clock.js';
export { defaultDeviceIds } from './device-ids.js';
export { createDryRunSink } from './dry-run-sink.js';
export { createEmitter, type Emitter, type EmitterOptions } from './emitter.js';
export { DEFAULT_FAULT_OPTIONS, FAULT_KINDS, type FaultOptions } from './faults/fault-options.js';
export { SIM_FORMATS, createDeviceEncoder, type SimFormat } from './formats/index.js';
export { generateInterval } from './generate.js';
export { runHistory, type HistoryOptions, type HistoryResult } from './history.js';
export {
  SIM_SOURCE,
  buildReadingsMessage,
  buildVendorMessage,
  encodeMessage,
  type CanonicalReadingsMessage,
  type WireMessage,
} from './message.js';
export { createProfile, type WatchProfile } from './profile.js';
export { connectPublisher, createPublisher, type PublishCounts, type ReadingsSink } from './publisher.js';
export { readHourlySteps } from './replay/fitabase-csv.js';
export { replayMessages } from './replay/replay-messages.js';
export { registerReplayCohort } from './replay/replay-registry.js';
export { runReplay } from './replay/run-replay.js';
export { SCENARIOS, type ScenarioOptions } from './scenario.js';
export { runSimulation, type SimulationDeps, type SimulationOptions, type SimulationResult } from './simulation.js';
