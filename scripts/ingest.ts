import { runIngest } from './ingest-cli';

process.exitCode = runIngest(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
