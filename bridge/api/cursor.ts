// Opaque keyset cursors for listing: base64url of (created_at, id).
import { BridgeError } from '../core/errors.js';

export function encodeCursor(c: { createdAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      return { createdAt: v[0], id: v[1] };
    }
  } catch {
    // fall through
  }
  throw new BridgeError('validation_failed', 'cursor is not one this API gave out', [
    { field: 'querystring:cursor', message: 'invalid cursor' },
  ]);
}
