// KeyStone OS dashboard: the only script besides htmx (no inline scripts, so the content security policy can
// forbid them). Sends the CSRF token with every htmx request and lets the environment switcher submit on change.
(function () {
  'use strict';

  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { header: header.content, token: token.content } : null;
  }

  document.addEventListener('htmx:configRequest', function (event) {
    var c = csrf();
    if (c) {
      event.detail.headers[c.header] = c.token;
    }
  });

  document.addEventListener('change', function (event) {
    var target = event.target;
    if (target && target.matches('select[data-autosubmit]') && target.form) {
      target.form.requestSubmit();
    }
  });

  // Copy buttons next to secrets shown once.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-copy]');
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = 'Copied';
      });
    }
  });
})();
