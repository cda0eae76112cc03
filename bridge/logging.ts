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
