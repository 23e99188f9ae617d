/* global window, document, location */
/**
 * Loaded first, as a blocking script. Inside Office (the host adds _host_Info to the task pane's
 * URL) it loads office.js before the page's deferred scripts run — the custom functions register
 * themselves as soon as functions.js runs. In a plain browser it loads nothing from outside and
 * gives the custom functions an inert registry: the same page is then a standalone validator that
 * makes no third-party request.
 */
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

declare global {
  interface Window {
    xxgkHost: 'excel' | 'browser';
  }
}

function inOffice(): boolean {
  try {
    if (/[?&]_host_Info=/i.test(location.search)) {
      // Navigations inside the pane may drop the query: remember for this session.
      window.sessionStorage.setItem('xxgk.inOffice', '1');
      return true;
    }
    return window.sessionStorage.getItem('xxgk.inOffice') === '1';
  } catch {
    return /[?&]_host_Info=/i.test(location.search);
  }
}

if (inOffice()) {
  window.xxgkHost = 'excel';
  // A parser-inserted script runs before the deferred ones, in order.
  document.write(`<script src="${OFFICE_JS}"></script>`);
} else {
  window.xxgkHost = 'browser';
  class InertError extends Error {}
  (window as unknown as { CustomFunctions: unknown }).CustomFunctions = { associate: () => undefined, Error: InertError, ErrorCode: { invalidValue: '#VALUE!' } };
}

export {};
