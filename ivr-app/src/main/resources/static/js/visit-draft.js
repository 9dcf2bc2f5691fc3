// Visitors' home-visit form: a local draft (localStorage) so a half-filled form survives a dropped
// connection, a reload or a closed tab. Saved on every change; restored when the form opens empty;
// removed once the server has recorded the visit (the elder's card says which task was recorded).
// A form the server sent back with errors keeps what was typed, so the draft is not applied there.
(function () {
  'use strict';
  var store;
  try {
    store = window.localStorage;
  } catch (e) {
    return; // storage disabled: the form still works, without a draft
  }

  var card = document.getElementById('elder-card');
  if (card && card.dataset.recorded) {
    Object.keys(store)
      .filter(function (k) { return /^tanfang-visit-draft-/.test(k) && k.endsWith('-' + card.dataset.recorded); })
      .forEach(function (k) { store.removeItem(k); });
  }

  var form = document.getElementById('visit-form');
  if (!form) {
    return;
  }
  var key = form.dataset.draftKey;
  var serverErrors = document.querySelector('.verror:not([hidden])') !== null &&
    document.getElementById('error') !== null;

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) { return el.name; });
  }

  function save() {
    var values = {};
    fields().forEach(function (el) {
      if (el.type === 'radio') {
        if (el.checked) { values[el.name] = el.value; }
      } else {
        values[el.name] = el.value;
      }
    });
    store.setItem(key, JSON.stringify({ savedAt: Date.now(), values: values }));
  }

  function empty() {
    return fields().every(function (el) {
      return el.type === 'radio' ? !el.checked : el.type === 'hidden' || !el.value;
    });
  }

  function restore() {
    var raw = store.getItem(key);
    if (!raw || serverErrors || !empty()) {
      return;
    }
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { store.removeItem(key); return; }
    fields().forEach(function (el) {
      var v = draft.values[el.name];
      if (v === undefined || el.type === 'hidden') { return; }
      if (el.type === 'radio') { el.checked = el.value === v; } else { el.value = v; }
    });
    var note = document.getElementById('draft-restored');
    if (note) { note.hidden = false; }
  }

  restore();
  form.addEventListener('input', save);
  form.addEventListener('change', save);
})();
