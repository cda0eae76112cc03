// pino, with every log object passed through the one redaction function before it is written.
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { redact } from './core/redact.js';

export type Logger = PinoLogger;

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'posbridge' },
      formatters: { log: (obj) => redact(obj) as Record<string, unknown> },
      // Belt and braces for headers that libraries may log on their own.
      redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.api_key', 'api_key'], censor: '[redacted]' },
    },
    destination,
  );
}

/** The daemon's logger: everything at `level` to <data-dir>/logs/posbridge.log, warnings also to stderr. */
export function createDaemonLogger(level: string, logFile: string): Logger {
  if (level === 'silent') return createLogger('silent');
  const streams = pino.multistream([
    { level: level as pino.Level, stream: pino.destination({ dest: logFile, mkdir: true, sync: false }) },
    { level: 'warn', stream: process.stderr },
  ]);
  return createLogger(level, streams);
}
