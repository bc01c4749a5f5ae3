// Vendor document schemas shared by the simulator (which builds them) and the workers' adapters.
export * from './local-time.js';
export * from './fitbit-intraday.schema.js';
export * from './garmin-epoch.schema.js';
export * from './estimate.js';
