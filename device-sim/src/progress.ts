import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar with rate and ETA on stderr (cli-progress); when stderr is not a terminal it
 * prints a plain line every 5 s instead.
 */
export function startProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {bar} {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
      stream,
      noTTYOutput: true,
      notTTYSchedule: 5_000,
      etaBuffer: 200,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update(done, total) {
      const rate = Math.round((done * 1000) / Math.max(1, Date.now() - started));
      if (!running) {
        bar.start(total, done, { rate });
        running = true;
      } else bar.update(done, { rate });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
