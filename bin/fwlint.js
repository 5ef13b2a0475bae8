#!/usr/bin/env node
let cli;
try {
  cli = await import('../dist/src/cli/main.js');
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(`fwlint: internal error: cannot load the compiled CLI (${reason}); run "npm run build"\n`);
  if (process.env.FWLINT_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(2);
}
process.exitCode = await cli.run(process.argv.slice(2));
