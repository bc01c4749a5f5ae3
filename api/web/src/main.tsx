import { render } from 'preact';
import { App } from './app.js';
import { lang } from './i18n/i18n.js';
import { loadMe } from './lib/auth.js';
import './styles.css';

document.documentElement.lang = lang.value;
render(<App />, document.getElementById('app')!);
void loadMe().catch(() => {
  // the api is away: the app shows its error state once a page loads data
});
