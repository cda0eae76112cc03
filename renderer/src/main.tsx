import { render } from 'preact';
import { App } from './app.js';
import { signIn, watchLoginLinks } from './session.js';
import './styles.css';

// Signed in (or told why not) before the first request, so no call goes out without the session.
watchLoginLinks();
void signIn().then(() => render(<App />, document.getElementById('app')!));
