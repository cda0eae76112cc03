// pino, with every log object passed through the one redaction function before it is written.
import { dirname } from 'node:path';
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { preparePrivateDir, PRIVATE_FILE_MODE, tightenFile } from '../native/private-files.js';
import { redact } from './core/redact.js';

export type Logger = PinoLogger;

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'posbridge' },
      formatters: { log: (obj) => redact(obj) as Record<string, unknown> },
      // Belt and braces for headers that libraries may log on their own.
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', '*.api_key', 'api_key'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * The daemon's logger: everything at `level` to <data-dir>/logs/posbridge.log, warnings also to stderr.
 * The log names terminals, amounts and references: its folder is 0700 and the file 0600 (POSIX).
 */
export function createDaemonLogger(level: string, logFile: string): Logger {
  if (level === 'silent') return createLogger('silent');
  preparePrivateDir(dirname(logFile));
  tightenFile(logFile);
  const streams = pino.multistream([
    { level: level as pino.Level, stream: pino.destination({ dest: logFile, mode: PRIVATE_FILE_MODE, sync: false }) },
    { level: 'warn', stream: process.stderr },
  ]);
  return createLogger(level, streams);
}
