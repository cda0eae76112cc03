// The window: the one-line status on top, then Status, Transactions or the pairing wizard (by the
// address's #fragment, so the tray can open the wizard directly with #/pair).
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { LanguageSwitch } from './i18n/switch.js';
import { useLocale } from './i18n/locale.js';
import { isCurrent, useFetch, useLive } from './live.js';
import { signedOut, signOut, type SignedOutReason } from './session.js';
import type { Status } from './types.js';
import { PairView } from './views/pair.js';
import { ReconciliationView } from './views/reconciliation.js';
import { reconcileWords } from './i18n/reconciliation.js';
import { StatusView } from './views/status.js';
import { TransactionView } from './views/transaction.js';
import { TransactionsView } from './views/transactions.js';
import { CHECKING, NOT_RUNNING, RESUME, SIGNED_OUT } from './words.js';

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

function useSignedOut(): SignedOutReason | undefined {
  const [out, setOut] = useState(signedOut.reason);
  useEffect(() => {
    const l = () => setOut(signedOut.reason);
    signedOut.listeners.add(l);
    return () => {
      signedOut.listeners.delete(l);
    };
  }, []);
  return out;
}

function Headline({
  status,
  connected,
  onResume,
}: {
  status: Status | undefined;
  connected: boolean;
  onResume: () => void;
}) {
  // Without its event stream the window cannot know anything: the last status it had may be long wrong.
  if (!connected)
    return (
      <header class="headline level-not-running" aria-live="polite" data-level="not-running">
        <h1>{NOT_RUNNING.headline}</h1>
        <p>{NOT_RUNNING.advice}</p>
      </header>
    );
  if (!status)
    return (
      <header class="headline" aria-live="polite">
        <h1>{CHECKING}</h1>
      </header>
    );
  return (
    <header class={`headline level-${status.level}`} aria-live="polite" data-level={status.level}>
      <h1>{status.headline}</h1>
      {status.advice ? <p>{status.advice}</p> : null}
      {status.paused ? (
        <button type="button" onClick={onResume}>
          {RESUME}
        </button>
      ) : null}
    </header>
  );
}

const TABS = [
  { hash: '#/status', label: 'Status' },
  { hash: '#/transactions', label: 'Transactions' },
  { hash: '#/pair', label: 'Pair a terminal' },
  {
    hash: '#/reconciliation',
    get label() {
      return reconcileWords.tab;
    },
  },
];

export function App() {
  const hash = useHash();
  const out = useSignedOut();
  const lang = useLocale();
  if (out) {
    return (
      <main class="signed-out" data-signed-out={out}>
        <h1>Sign-in needed</h1>
        <p>{SIGNED_OUT[out]}</p>
        <p>
          Open the status window from the posbridge icon in the tray, or run <code>posbridge ui</code> on this PC and
          open the link it prints.
        </p>
      </main>
    );
  }
  // Keyed on the language: the switch renders every view again, each reading its words anew.
  return <Window key={lang} hash={hash} />;
}

function Window({ hash }: { hash: string }) {
  const now = useNow();
  const live = useLive();
  const status = useFetch(() => api.get<Status>('/v1/status'), live.version);
  const tx = /^#\/transactions\/(.+)$/.exec(hash);
  const route = tx ? '#/transactions' : TABS.some((t) => t.hash === hash) ? hash : '#/status';
  return (
    <>
      <Headline
        status={isCurrent(live, status.loadedFor) ? status.data : undefined}
        connected={live.connected}
        onResume={() => {
          void api.post('/v1/resume');
        }}
      />
      <nav aria-label="Sections">
        {TABS.map((t) => (
          <a key={t.hash} href={t.hash} aria-current={route === t.hash ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
        <LanguageSwitch />
        <button
          type="button"
          class="link sign-out"
          onClick={() => {
            void signOut();
          }}
        >
          Sign out
        </button>
      </nav>
      <main>
        {route === '#/status' ? <StatusView live={live} now={now} status={status.data} /> : null}
        {route === '#/transactions' && !tx ? <TransactionsView live={live} now={now} /> : null}
        {tx ? <TransactionView id={decodeURIComponent(tx[1]!)} live={live} /> : null}
        {route === '#/pair' ? <PairView /> : null}
        {route === '#/reconciliation' ? <ReconciliationView live={live} /> : null}
      </main>
    </>
  );
}
