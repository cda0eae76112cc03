// Export of the transactions the current filters match, as the CSV file the daemon writes. The session
// travels in a header, which a plain link cannot carry: the file is fetched, then handed to the browser
// as a download under the name the daemon gave it.
import { useState } from 'preact/hooks';
import { currentSession, sessionHeaders } from '../session.js';
import { errorText } from '../i18n/payment-words.js';
import { exportWords as w } from '../i18n/receipt-words.js';

export function ExportButton({ filters }: { filters: readonly string[] }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(`/v1/preauths/export.csv${filters.length ? `?${filters.join('&')}` : ''}`, {
        credentials: 'omit',
        headers: { accept: 'text/csv', ...sessionHeaders(currentSession()) },
      });
      if (!res.ok) {
        const problem = (await res.json().catch(() => ({}))) as { code?: string };
        throw new Error(errorText(problem.code ?? 'other'));
      }
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'posbridge-transactions.csv';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof TypeError ? errorText('daemon_unreachable') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="export">
      <button type="button" class="secondary" data-export disabled={busy} onClick={() => void run()}>
        {busy ? w.busy : w.button}
      </button>
      {error ? (
        <span class="error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </span>
  );
}
