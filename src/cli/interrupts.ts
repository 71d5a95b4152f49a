/** The two signals a run listens to, driven by Ctrl-C. */
export interface InterruptControls {
  stopScheduling: AbortSignal;
  cancelInFlight: AbortSignal;
  dispose(): void;
}

/**
 * First Ctrl-C: stop scheduling and give in-flight requests `graceMs` to
 * finish before they are cancelled. Second Ctrl-C: exit at once with 130;
 * every finished line is already on disk.
 */
export function installInterrupts(options: { graceMs: number; log: (line: string) => void }): InterruptControls {
  const stop = new AbortController();
  const cancel = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  const onSignal = (): void => {
    if (stop.signal.aborted) {
      options.log('Second interrupt: exiting now. Finished rows are saved.');
      process.exit(130);
    }
    options.log(
      `Interrupted: no new requests; waiting up to ${Math.round(options.graceMs / 1000)} s for the ones in flight (Ctrl-C again to quit now).`,
    );
    stop.abort();
    timer = setTimeout(() => cancel.abort(), options.graceMs);
    timer.unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopScheduling: stop.signal,
    cancelInFlight: cancel.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (timer) clearTimeout(timer);
    },
  };
}
