// Help: which posbridge this is and where it keeps its data and its log (asked of the daemon), and what
// to do in the situations staff meet most, in the chosen language.
import { api } from '../api.js';
import { helpWords as w } from '../i18n/help.js';
import { useFetch, type Live } from '../live.js';
import '../styles/help.css';

interface About {
  version: string;
  data_dir: string | null;
  log_file: string | null;
}

const TOPICS = [
  ['offlineTitle', 'offline1', 'offline2'],
  ['providerTitle', 'provider1', 'provider2'],
  ['doubtTitle', 'doubt1', 'doubt2'],
  ['notRunningTitle', 'notRunning1', 'notRunning2'],
  ['signedOutTitle', 'signedOut1'],
  ['holdTitle', 'hold1', 'hold2'],
] as const;

export function HelpView({ live }: { live: Live }) {
  const about = useFetch(() => api.get<About>('/v1/about'), live.version);
  const known = live.connected && about.data;
  const path = (p: string | null | undefined, none: string) =>
    known ? <code>{p ?? none}</code> : <span class="muted">{w.notKnown}</span>;
  return (
    <div class="help">
      <section class="panel" aria-labelledby="about-h">
        <h2 id="about-h">{w.about}</h2>
        <dl class="about">
          <dt>{w.version}</dt>
          <dd data-about="version">{path(about.data?.version, '')}</dd>
          <dt>{w.dataDir}</dt>
          <dd data-about="data_dir">{path(about.data?.data_dir, w.notSet)}</dd>
          <dt>{w.logFile}</dt>
          <dd data-about="log_file">{path(about.data?.log_file, w.notSet)}</dd>
        </dl>
        <p class="muted">{w.logHint}</p>
      </section>
      <section class="panel" aria-labelledby="todo-h">
        <h2 id="todo-h">{w.whatToDo}</h2>
        {TOPICS.map(([title, ...paragraphs]) => (
          <article key={title} class="topic" data-topic={title}>
            <h3>{w[title]}</h3>
            {paragraphs.map((p) => (
              <p key={p}>{w[p]}</p>
            ))}
          </article>
        ))}
      </section>
    </div>
  );
}
