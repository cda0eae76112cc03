// GET /v1/preauths/export.csv — every transaction the filters of GET /v1/preauths match, as a CSV file,
// newest first unless order=oldest. Read page by page through the same keyset the list pages with, and
// streamed as it is read, so a year of payments is neither one query's result nor one string in memory.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '../../core/typebox.js';
import type { ApiContext } from '../context.js';
import { exportFileName, TRANSACTIONS_CSV_HEADER, transactionCsvRecord } from '../export/transactions-csv.js';
import { transactionFilter, type Filter } from '../list-filter.js';
import { ListQuery, Problem } from '../schemas.js';
import type { Store } from '../../store/store.js';

const ExportQuery = Type.Omit(ListQuery, ['limit', 'cursor']);
const PAGE = 500;

function* records(store: Store, filter: Filter): Generator<string> {
  yield TRANSACTIONS_CSV_HEADER;
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const rows = store.transactions.list({ ...filter, limit: PAGE, ...(after ? { after } : {}) });
    // One chunk per page: fewer, larger writes than one per row.
    if (rows.length > 0) yield rows.map(transactionCsvRecord).join('');
    if (rows.length < PAGE) return;
    const last = rows.at(-1)!;
    after = { createdAt: last.created_at, id: last.id };
  }
}

export function exportRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/preauths/export.csv',
    {
      schema: {
        summary: 'The transactions the filters of GET /v1/preauths match, every one, as CSV (RFC 4180)',
        description:
          'A header row, then one record per transaction. Amounts in major units with a currency column, and in minor units; instants ISO 8601 with their offset; the card masked. A cell that starts with = + - @, a tab or a carriage return is written with a leading apostrophe, so a spreadsheet shows it as text.',
        querystring: ExportQuery,
        response: { 400: Problem, 401: Problem },
      },
    },
    async (request, reply) => {
      const filter = transactionFilter(request.query as Static<typeof ExportQuery>, ctx.store.clock.now());
      return reply
        .type('text/csv; charset=utf-8; header=present')
        .header('content-disposition', `attachment; filename="${exportFileName(ctx.store.clock.now())}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(records(ctx.store, filter)));
    },
  );
}
