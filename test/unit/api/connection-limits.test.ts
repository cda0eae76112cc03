import { describe, expect, it } from 'vitest';
import { CONNECTION_DEFAULTS, connectionLimits, serverTimeouts } from '../../../bridge/api/connection-limits.js';
import { MAX_WAIT_MS } from '../../../bridge/api/prefer.js';
import { parseConfig } from '../../../bridge/config/load.js';

describe('connection limits', () => {
  it("are the config file's defaults", () => {
    expect(parseConfig({}).connections).toEqual(CONNECTION_DEFAULTS);
  });

  it("keep an idle connection longer than .NET's HttpWebRequest (100 s), so the POS closes first", () => {
    expect(connectionLimits(CONNECTION_DEFAULTS).keepAliveTimeoutMs).toBeGreaterThan(100_000);
  });

  it('wait out the longest Prefer: wait before calling a silent connection dead', () => {
    expect(connectionLimits(CONNECTION_DEFAULTS).idleTimeoutMs).toBeGreaterThan(MAX_WAIT_MS);
  });

  it('hold the cap well below the open-file limit, and keep the configured one where it fits', () => {
    const cap = (max: number, limit?: number) =>
      connectionLimits({ ...CONNECTION_DEFAULTS, max }, limit).maxConnections;
    expect(cap(512, 1024)).toBe(512);
    expect(cap(100_000, 1024)).toBe(768);
    expect(cap(512, 256)).toBe(128); // macOS's default limit
    expect(cap(512, 100)).toBe(16); // never so few that a POS, the tray and a window cannot all connect
    expect(cap(100_000, 1_048_576)).toBe(100_000);
    expect(cap(512)).toBe(512); // no known limit (Windows)
  });

  it('give the whole request at least as long as its headers, and check both a few times per timeout', () => {
    const short = connectionLimits({ ...CONNECTION_DEFAULTS, headers_timeout_ms: 2_000, request_timeout_ms: 1_000 });
    expect(short.requestTimeoutMs).toBe(2_000);
    expect(short.checkIntervalMs).toBe(500);
    expect(connectionLimits(CONNECTION_DEFAULTS).checkIntervalMs).toBe(2_500);
    expect(connectionLimits({ ...CONNECTION_DEFAULTS, headers_timeout_ms: 100 }).checkIntervalMs).toBe(100);
    expect(
      connectionLimits({ ...CONNECTION_DEFAULTS, headers_timeout_ms: 120_000, request_timeout_ms: 300_000 })
        .checkIntervalMs,
    ).toBe(5_000);
  });

  it("reach Node's HTTP server through Fastify's options", () => {
    const limits = connectionLimits(CONNECTION_DEFAULTS);
    expect(serverTimeouts(limits)).toEqual({
      connectionTimeout: limits.idleTimeoutMs,
      keepAliveTimeout: 120_000,
      requestTimeout: 30_000,
      http: { headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 2_500 },
    });
  });
});
