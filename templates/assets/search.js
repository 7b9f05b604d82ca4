// A search box over a page of the disclosure log (a month's page: months/<YYYY-MM>.html), added only
// when JavaScript runs: without it the page is the same complete list, browsable by category. It
// searches the page itself (reference, date, category, subject, question, outcome), so no other file
// is published and nothing needs a server: it works from file:// as well as from the web. Each
// request is shown once, under its category. The box's label comes from the page (data-label).
(function () {
  'use strict';
  var slot = document.getElementById('log-search');
  if (!slot || !document.querySelectorAll || !''.normalize) return;

  function fold(text) {
    return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  var sections = Array.prototype.slice.call(document.querySelectorAll('section[data-category]'));
  var latest = document.querySelector('section[data-latest]');
  var rows = [];
  sections.forEach(function (section) {
    // The category tables leave out the category column: its heading says it.
    var heading = section.querySelector('h2');
    var category = heading ? heading.textContent : '';
    Array.prototype.forEach.call(section.querySelectorAll('table.log tbody tr'), function (row) {
      rows.push({ row: row, text: fold(category + ' ' + (row.textContent || '')) });
    });
  });

  var form = document.createElement('form');
  form.setAttribute('role', 'search');
  form.className = 'search';
  var label = document.createElement('label');
  label.htmlFor = 'log-search-input';
  label.textContent = slot.getAttribute('data-label') || 'Search the requests';
  var hint = document.createElement('span');
  hint.id = 'log-search-hint';
  hint.className = 'search-hint';
  hint.textContent = 'Words from the reference, date, category, subject, question or outcome';
  var input = document.createElement('input');
  input.type = 'search';
  input.id = 'log-search-input';
  input.autocomplete = 'off';
  input.setAttribute('aria-describedby', 'log-search-hint');
  var status = document.createElement('p');
  status.className = 'search-status';
  status.setAttribute('role', 'status');
  form.appendChild(label);
  form.appendChild(hint);
  form.appendChild(input);
  form.appendChild(status);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
  });
  slot.appendChild(form);

  function search() {
    var terms = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (r) {
      var match = terms.every(function (t) {
        return r.text.indexOf(t) !== -1;
      });
      r.row.hidden = !match;
      if (match) shown++;
    });
    sections.forEach(function (section) {
      section.hidden = terms.length > 0 && !section.querySelector('table.log tbody tr:not([hidden])');
    });
    if (latest) latest.hidden = terms.length > 0;
    status.textContent = terms.length === 0 ? '' : shown === 0 ? 'No request matches.' : shown === 1 ? '1 request matches.' : shown + ' requests match.';
  }
  input.addEventListener('input', search);
})();
