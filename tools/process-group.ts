import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** Runs a command to completion with inherited output; resolves with its exit code. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Prefixes each output line of a child with its name, like a process manager. */
export function pipeWithPrefix(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
}

/** Calls `cleanup` once on Ctrl-C, SIGTERM or an uncaught error, then exits. */
export function onShutdown(cleanup: (reason: string) => Promise<void>): void {
  let stopping = false;
  const stop = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    cleanup(reason)
      .catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`))
      .finally(() => process.exit(code));
  };
  process.on('SIGINT', () => stop('SIGINT', 130));
  process.on('SIGTERM', () => stop('SIGTERM', 143));
  process.on('uncaughtException', (error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    stop('error', 1);
  });
}
