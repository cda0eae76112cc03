import { describe, expect, it } from 'vitest';
import { classifyTransportError } from '../../../bridge/engine/transport-errors.js';

const err = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

describe('transport errors', () => {
  it('knows which failures happen before anything is sent', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED']) {
      expect(classifyTransportError(err(code)).notSent).toBe(true);
    }
  });

  it('treats everything that may have happened after sending as unknown', () => {
    for (const code of [
      'UND_ERR_HEADERS_TIMEOUT',
      'UND_ERR_BODY_TIMEOUT',
      'UND_ERR_SOCKET',
      'ECONNRESET',
      'EPIPE',
      'UND_ERR_ABORTED',
    ]) {
      expect(classifyTransportError(err(code)).notSent).toBe(false);
    }
    expect(classifyTransportError(new Error('no code')).notSent).toBe(false);
  });

  it('looks through wrapped causes', () => {
    expect(classifyTransportError(new Error('fetch failed', { cause: err('ECONNREFUSED') }))).toMatchObject({
      notSent: true,
      code: 'ECONNREFUSED',
    });
  });
});
