// The pairing backend for field technicians: the serial ports on this PC, adding a terminal, testing
// its connection, and removing it. The status window's wizard drives these.
import type { FastifyInstance } from 'fastify';
import { Type } from '../../core/typebox.js';
import { BridgeError } from '../../core/errors.js';
import { ConnectionTests } from '../../engine/connection-tests.js';
import { registerTerminal, removeTerminal } from '../../engine/terminal-admin.js';
import { TERMINAL_BASE } from '../../config/schema.js';
import { PROVIDER_NAMES } from '../../providers/settings.js';
import type { ApiContext } from '../context.js';
import { parsePrefer } from '../prefer.js';
import { IdParams, Problem } from '../schemas.js';

const SerialPortView = Type.Object({
  path: Type.String(),
  manufacturer: Type.Union([Type.String(), Type.Null()]),
  serial_number: Type.Union([Type.String(), Type.Null()], {
    description: 'USB serial number: finds the terminal again if its port name changes',
  }),
  vendor_id: Type.Union([Type.String(), Type.Null()]),
  product_id: Type.Union([Type.String(), Type.Null()]),
});

const RemoteView = Type.Object({
  id: Type.String(),
  state: Type.String(),
  connected: Type.Boolean(),
  last_connected_at: Type.Union([Type.String(), Type.Null()]),
});

const RegisteredView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  provider: Type.String(),
  currency: Type.Union([Type.String(), Type.Null()]),
});

const StepFailure = {
  error_code: Type.Union([Type.String(), Type.Null()], {
    description:
      'Why the step failed: a network errno (ECONNREFUSED, EHOSTUNREACH, ETIMEDOUT, …), port_missing, port_busy, port_denied, no_link_ack, link_nak, no_answer, connection_lost, refused_by_terminal or unknown',
  }),
  result_code: Type.Union([Type.Integer(), Type.Null()], {
    description: "The terminal's ZVT result code, if it refused",
  }),
};

const TestView = Type.Object({
  terminal_id: Type.String(),
  ok: Type.Boolean(),
  steps: Type.Array(Type.Object({ step: Type.String(), ok: Type.Boolean(), detail: Type.String(), ...StepFailure })),
  terminal: Type.Union([
    Type.Object({
      zvt_terminal_id: Type.Union([Type.String(), Type.Null()]),
      software_version: Type.Union([Type.String(), Type.Null()]),
      status: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});

const TestProgressView = Type.Object({
  terminal_id: Type.String(),
  state: Type.Union([Type.Literal('running'), Type.Literal('done')]),
  started_at: Type.String({ format: 'date-time' }),
  steps: Type.Array(
    Type.Object({
      step: Type.String({ description: 'connect, registration, terminal_answer, status_enquiry (in that order)' }),
      state: Type.Union([Type.Literal('running'), Type.Literal('ok'), Type.Literal('failed')]),
      detail: Type.String(),
      ...StepFailure,
    }),
  ),
  result: Type.Union([TestView, Type.Null()]),
});

export function terminalRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const tests = new ConnectionTests();
  const deps = () => ({
    store: ctx.store,
    config: ctx.config,
    kinds: PROVIDER_NAMES,
    channel: (p: string) => ctx.engine.channel(p),
  });

  app.get(
    '/v1/serial-ports',
    {
      schema: {
        summary: 'Serial and USB ports on this PC, to pick a ZVT terminal from',
        description:
          'Lists what the operating system reports as serial devices; ports that are none (socat ptys, some RS-232 cards) are not listed and are typed in instead. When the scan itself fails (no udevadm on a minimal Linux) the list is empty and scan_error says why: the port can still be typed in.',
        response: {
          200: Type.Object({
            data: Type.Array(SerialPortView),
            scan_error: Type.Optional(Type.String({ description: 'Why the scan failed; absent when it worked' })),
          }),
          401: Problem,
        },
      },
    },
    async () => {
      try {
        return { data: await ctx.serialPorts() };
      } catch (err) {
        ctx.log.warn({ err: (err as Error).message }, 'listing the serial ports failed');
        return { data: [], scan_error: (err as Error).message };
      }
    },
  );

  app.get(
    '/v1/providers/:provider/terminals',
    {
      schema: {
        summary: "The provider's own list of terminals, to pick one when adding a terminal (Blink)",
        params: Type.Object({ provider: Type.String({ minLength: 1, maxLength: 32 }) }),
        response: {
          200: Type.Object({ data: Type.Array(RemoteView) }),
          401: Problem,
          404: Problem,
          422: Problem,
          503: Problem,
        },
      },
    },
    async (request) => {
      const { provider } = request.params as { provider: string };
      const channel = ctx.engine.channel(provider);
      if (!channel) throw new BridgeError('not_found', `${provider} is not configured in posbridge`);
      const list = await ctx.remoteTerminals.of(provider, channel);
      if (!list)
        throw new BridgeError(
          'validation_failed',
          `${provider} has no terminal list; enter the terminal's id from the provider's onboarding papers`,
        );
      if (list.credentialsRefused)
        throw new BridgeError(
          'provider_rejected',
          `${provider} refused posbridge's credentials; check its API key and secret in the config: ${list.error}`,
        );
      if (list.error || !list.terminals)
        throw new BridgeError(
          'provider_unavailable',
          `${provider} did not give its terminal list: ${list.error ?? 'no answer'}`,
        );
      return {
        data: [...list.terminals.values()].map((t) => ({
          id: t.id,
          state: t.state,
          connected: t.connected,
          last_connected_at: t.lastConnectedAt,
        })),
      };
    },
  );

  app.post(
    '/v1/terminals',
    {
      schema: {
        summary: 'Add a terminal',
        description:
          'kind "zvt": {id, kind, currency, transport: {type:"serial", path, baud_rate?, stop_bits?, usb_serial_number?} | {type:"tcp", host, port?}, password?, profile?}. Cloud kinds take the same fields as their terminals in the config file.',
        body: Type.Object(
          {
            id: TERMINAL_BASE.id,
            kind: Type.String({ minLength: 1 }),
            name: TERMINAL_BASE.name,
            currency: TERMINAL_BASE.currency,
          },
          { additionalProperties: true },
        ),
        response: { 201: RegisteredView, 400: Problem, 401: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const t = registerTerminal(deps(), request.body as Record<string, unknown>);
      return reply.code(201).send({ id: t.id, name: t.name, provider: t.provider, currency: t.currency });
    },
  );

  app.post(
    '/v1/terminals/:id/test',
    {
      schema: {
        summary: 'Test a ZVT terminal: connect, registration (06 00), its answer, status enquiry (05 01)',
        description:
          'Answers 200 with each step and what the terminal reported; ok is false when a step failed (the terminal unplugged, a wrong password), with error_code saying why. With `Prefer: respond-async` it answers 202 at once with the test as it runs; GET the same path for its progress.',
        params: IdParams,
        response: { 200: TestView, 202: TestProgressView, 401: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const t = ctx.store.terminals.get(id);
      if (!t?.enabled) throw new BridgeError('unknown_terminal', `No terminal with id ${id}`);
      const channel = ctx.engine.channel(t.provider);
      if (!channel?.testTerminal)
        throw new BridgeError(
          'operation_not_supported',
          `${t.provider} terminals are tested with a small preauth that is voided at once`,
        );
      const test = tests.start(id, (onStep) => channel.testTerminal!(id, onStep));
      if (!parsePrefer(request.headers.prefer).async) return test.done;
      // The steps so far (the connect step starts at once) without waiting for the terminal.
      await new Promise((resolve) => setImmediate(resolve));
      return reply
        .code(202)
        .header('preference-applied', 'respond-async')
        .header('location', `/v1/terminals/${encodeURIComponent(id)}/test`)
        .send(tests.get(id) ?? test.view);
    },
  );

  app.get(
    '/v1/terminals/:id/test',
    {
      schema: {
        summary: "The terminal's latest connection test, step by step while it runs",
        description: 'Kept in memory since the test started (not across a restart); 404 when none ran.',
        params: IdParams,
        response: { 200: TestProgressView, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const view = tests.get(id);
      if (!view) throw new BridgeError('not_found', `No connection test of terminal ${id} since posbridge started`);
      return view;
    },
  );

  app.delete(
    '/v1/terminals/:id',
    {
      schema: {
        summary: 'Remove a terminal added through the API',
        description:
          'Refused (409 terminal_busy) while the terminal has open work: unsettled holds or operations. Its history is kept.',
        params: IdParams,
        response: { 204: Type.Null(), 401: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await removeTerminal(deps(), id);
      tests.forget(id);
      return reply.code(204).send();
    },
  );
}
