import { runIngest } from './ingest-cli';

// For tests only: PAPERBOY_TEST_KILL_AT_WRITE=N[:SIGNAL] makes this process send itself SIGNAL
// (SIGKILL by default) just before its Nth change to the dataset folder, so a test can stop a
// real ingest at each point of a switch (tests/cli/ingest-atomic.test.ts).
const killAt = /^(\d+)(?::(SIG[A-Z]+))?$/.exec(process.env.PAPERBOY_TEST_KILL_AT_WRITE ?? '');
let writes = 0;

process.exitCode = runIngest(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  ...(killAt && {
    onWrite: () => {
      if (++writes === Number(killAt[1])) {
        process.kill(process.pid, (killAt[2] ?? 'SIGKILL') as NodeJS.Signals);
        // A signal is delivered at once, but not always before the next line runs.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
      }
    },
  }),
});
