import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getTransport } from './api';
import { ErrorBoundary } from './components/ErrorBoundary';
import { showError } from './store/errors';
import { connectStore } from './store/events';
import { App } from './views/App';
import './styles.css';

// Failures outside React's render (event handlers, stray promises) still reach the error banner.
window.addEventListener('unhandledrejection', (e) => showError(e.reason));
window.addEventListener('error', (e) => {
  if (e.error) showError(e.error);
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

try {
  connectStore(getTransport());
} catch (err) {
  showError(err, 'Connecting to Wheelbench');
}

createRoot(rootElement).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
