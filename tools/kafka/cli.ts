// node tools/kafka/cli.ts fetch   download the broker jars into .cache/kafka (Maven)
// node tools/kafka/cli.ts start   run a broker in the foreground until SIGINT/SIGTERM
import { ensureKafka, fetchKafka, kafkaVersion } from './broker.ts';

// Progress goes to stderr so stdout carries only the KAFKA_BROKERS= line.
const log = (line: string): void => void process.stderr.write(`[kafka] ${line}\n`);

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'fetch': {
      const lib = await fetchKafka(log);
      log(`Kafka ${kafkaVersion()} jars in ${lib}`);
      return 0;
    }
    case 'start': {
      const kafka = await ensureKafka({ log });
      process.stdout.write(`KAFKA_BROKERS=${kafka.brokers}\n`);
      if (!kafka.startedHere) return 0;
      let stopping = false;
      const shutdown = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        log(`${signal}: stopping the broker`);
        kafka.stop().then(() => process.exit(0), (error: unknown) => {
          log(`stop failed: ${String(error)}`);
          process.exit(1);
        });
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      const code = await kafka.exited;
      if (stopping) return new Promise(() => {}); // shutdown() exits
      log(`the broker exited on its own (code ${code}); log: ${kafka.logFile}`);
      await kafka.stop();
      return 1;
    }
    default:
      process.stderr.write('usage: node tools/kafka/cli.ts fetch|start\n');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
