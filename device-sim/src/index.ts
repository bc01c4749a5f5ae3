// What other tools (the bench, fixture scripts, tests) may use of the simulator.
export { createSimClock, type SimClock } from './clock.js';
export { defaultDeviceIds } from './device-ids.js';
export { generateInterval } from './generate.js';
export { SIM_SOURCE, buildReadingsMessage, encodeMessage, type CanonicalReadingsMessage } from './message.js';
export { createProfile, type WatchProfile } from './profile.js';
export { connectPublisher, createPublisher, type PublishCounts, type ReadingsSink } from './publisher.js';
export { runSimulation, type SimulationDeps, type SimulationOptions, type SimulationResult } from './simulation.js';
