// The window: the one-line status on top, then Status, Transactions, the pairing wizard or Help (by the
// address's #fragment, so the tray can open the wizard directly with #/pair). Every word is read in the
// chosen language at render time; the headline is composed here from the daemon's problem codes.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { LanguageSwitch } from './i18n/switch.js';
import { useLocale } from './i18n/locale.js';
import { headlineWords, sayHeadline } from './i18n/problems.js';
import { signedOutWords, windowWords } from './i18n/window.js';
import { isCurrent, useFetch, useLive } from './live.js';
import { signedOut, signOut, type SignedOutReason } from './session.js';
import type { Status } from './types.js';
import { PairView } from './views/pair.js';
import { ReconciliationView } from './views/reconciliation.js';
import { reconcileWords } from './i18n/reconciliation.js';
import { StatusView } from './views/status.js';
import { TransactionView } from './views/transaction.js';
import { TransactionsView } from './views/transactions.js';
import { HelpView } from './views/help.js';
import { EndOfDayView } from './views/end-of-day.js';
import { eodWords } from './i18n/end-of-day.js';
import './styles/window.css';

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
        <h1>{headlineWords.notRunning}</h1>
        <p>{headlineWords.notRunningAdvice}</p>
      </header>
    );
  if (!status)
    return (
      <header class="headline" aria-live="polite">
        <h1>{headlineWords.checking}</h1>
      </header>
    );
  const said = sayHeadline(status);
  return (
    <header class={`headline level-${status.level}`} aria-live="polite" data-level={status.level}>
      <h1>{said.headline}</h1>
      {said.advice ? <p>{said.advice}</p> : null}
      {status.paused ? (
        <button type="button" onClick={onResume}>
          {headlineWords.resume}
        </button>
      ) : null}
    </header>
  );
}

const TABS = [
  { hash: '#/status', label: () => windowWords.status },
  { hash: '#/transactions', label: () => windowWords.transactions },
  { hash: '#/end-of-day', label: () => eodWords.tab },
  { hash: '#/reconciliation', label: () => reconcileWords.tab },
  { hash: '#/pair', label: () => windowWords.pair },
  { hash: '#/help', label: () => windowWords.help },
];

export function App() {
  const hash = useHash();
  const out = useSignedOut();
  const lang = useLocale();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  if (out) {
    return (
      <main class="signed-out" data-signed-out={out}>
        <div class="signed-out-language">
          <LanguageSwitch />
        </div>
        <h1>{windowWords.signInNeeded}</h1>
        <p>{signedOutWords[out]}</p>
        <p>
          {windowWords.howBefore} <code>posbridge ui</code> {windowWords.howAfter}
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
      <nav aria-label={windowWords.sections} data-sections>
        {TABS.map((t) => (
          <a key={t.hash} href={t.hash} aria-current={route === t.hash ? 'page' : undefined}>
            {t.label()}
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
          {windowWords.signOut}
        </button>
      </nav>
      <main>
        {route === '#/status' ? <StatusView live={live} now={now} status={status.data} /> : null}
        {route === '#/transactions' && !tx ? <TransactionsView live={live} now={now} /> : null}
        {tx ? <TransactionView id={decodeURIComponent(tx[1]!)} live={live} /> : null}
        {route === '#/pair' ? <PairView /> : null}
        {route === '#/end-of-day' ? <EndOfDayView live={live} /> : null}
        {route === '#/help' ? <HelpView live={live} /> : null}
        {route === '#/reconciliation' ? <ReconciliationView live={live} /> : null}
      </main>
    </>
  );
}
