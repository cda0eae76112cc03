// The wizard's details step: the terminal's name and id, its currency, and for ZVT its ECR password,
// profile and baud rate, each explained in plain words.
import { useState } from 'preact/hooks';
import { pairWords as w } from '../i18n/pairing.js';
import {
  BAUD_RATES,
  CURRENCIES,
  DEFAULT_BAUD_RATE,
  DEFAULT_ECR_PASSWORD,
  defaultCurrency,
  type Details,
  isZvt,
  type PairKind,
  profileWords,
  providerOf,
  suggestId,
  validId,
  validPassword,
  ZVT_PROFILES,
  type ZvtProfile,
} from '../pairing.js';
import { inputValue } from './input-value.js';
import { PROVIDER_NAMES } from './pair-advice.js';

function ZvtFields({
  kind,
  password,
  profile,
  baudRate,
  onPassword,
  onProfile,
  onBaudRate,
}: {
  kind: PairKind;
  password: string;
  profile: ZvtProfile;
  baudRate: number;
  onPassword: (v: string) => void;
  onProfile: (v: ZvtProfile) => void;
  onBaudRate: (v: number) => void;
}) {
  return (
    <>
      <label>
        {w.passwordLabel}
        <input
          name="password"
          value={password}
          inputMode="numeric"
          maxLength={6}
          autoComplete="off"
          aria-invalid={!validPassword(password)}
          onInput={(e) => onPassword(inputValue(e))}
        />
      </label>
      <p class="muted">{w.passwordHint}</p>
      {!validPassword(password) ? <p class="error">{w.passwordBad}</p> : null}
      {kind === 'zvt-serial' ? (
        <>
          <label>
            {w.baudLabel}
            <select
              name="baud_rate"
              value={String(baudRate)}
              onChange={(e) => onBaudRate(Number((e.target as HTMLSelectElement).value))}
            >
              {BAUD_RATES.map((b) => (
                <option key={b} value={String(b)}>
                  {b}
                </option>
              ))}
            </select>
          </label>
          <p class="muted">{w.baudHint}</p>
        </>
      ) : null}
      <fieldset class="profiles">
        <legend>{w.profileLabel}</legend>
        {ZVT_PROFILES.map((p) => {
          const pw = profileWords(p);
          return (
            <label key={p} class={`profile ${p === profile ? 'chosen' : ''}`}>
              <input type="radio" name="profile" value={p} checked={p === profile} onChange={() => onProfile(p)} />
              <span>
                <strong>{pw.title}</strong>
                <span class="muted">{pw.text}</span>
              </span>
            </label>
          );
        })}
      </fieldset>
    </>
  );
}

export function DetailsStep({
  kind,
  initial,
  onSave,
}: {
  kind: PairKind;
  initial: Details;
  onSave: (d: Details) => void;
}) {
  const [name, setName] = useState(initial.name);
  const [id, setId] = useState(initial.id);
  const [currency, setCurrency] = useState(initial.currency || defaultCurrency(kind));
  const [site, setSite] = useState(initial.siteBranch ?? '');
  const [location, setLocation] = useState(initial.posLocation ?? '');
  const [password, setPassword] = useState(initial.password ?? DEFAULT_ECR_PASSWORD);
  const [profile, setProfile] = useState<ZvtProfile>(initial.profile ?? 'spec');
  const [baudRate, setBaudRate] = useState(initial.baudRate ?? DEFAULT_BAUD_RATE);
  const shownId = id || suggestId(name);
  const ok =
    name.trim().length > 0 &&
    validId(shownId) &&
    (kind !== 'blink' || (site.trim() && location.trim())) &&
    (!isZvt(kind) || validPassword(password));
  const provider = PROVIDER_NAMES[providerOf(kind)] ?? kind;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        onSave({
          ...initial,
          id: shownId,
          name: name.trim(),
          currency,
          siteBranch: site.trim(),
          posLocation: location.trim(),
          ...(isZvt(kind) ? { password, profile, baudRate } : {}),
        });
      }}
    >
      <label>
        {w.nameLabel}
        <input value={name} autoFocus placeholder={w.namePlaceholder} onInput={(e) => setName(inputValue(e))} />
      </label>
      <label>
        {w.idLabel}
        <input value={shownId} onInput={(e) => setId(inputValue(e))} />
      </label>
      {!validId(shownId) ? <p class="error">{w.idBad}</p> : null}
      <label>
        {w.currencyLabel}
        <select name="currency" value={currency} onChange={(e) => setCurrency((e.target as HTMLSelectElement).value)}>
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <p class="muted">{w.currencyDefault(provider, defaultCurrency(kind))}</p>
      {isZvt(kind) ? (
        <ZvtFields
          kind={kind}
          password={password}
          profile={profile}
          baudRate={baudRate}
          onPassword={setPassword}
          onProfile={setProfile}
          onBaudRate={setBaudRate}
        />
      ) : null}
      {kind === 'blink' ? (
        <>
          <label>
            {w.blinkSite}
            <input value={site} onInput={(e) => setSite(inputValue(e))} />
          </label>
          <label>
            {w.blinkLocation}
            <input value={location} onInput={(e) => setLocation(inputValue(e))} />
          </label>
        </>
      ) : null}
      <button type="submit" disabled={!ok}>
        {w.save}
      </button>
    </form>
  );
}
