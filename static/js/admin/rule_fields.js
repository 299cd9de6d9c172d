/* The completion rule form shows only the fields its kind reads: the kind's
   select carries them (data-kind-fields, from programs/admin_forms.py). */
"use strict";
(function () {
  function showFieldsOf(select) {
    var byKind = JSON.parse(select.dataset.kindFields);
    var all = {};
    Object.keys(byKind).forEach(function (kind) {
      byKind[kind].forEach(function (name) { all[name] = true; });
    });
    var shown = byKind[select.value] || [];
    Object.keys(all).forEach(function (name) {
      var row = document.querySelector(".form-row.field-" + name);
      if (row) {
        row.classList.toggle("hidden", shown.indexOf(name) < 0);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var select = document.querySelector("select[data-kind-fields]");
    if (!select) {
      return;
    }
    showFieldsOf(select);
    select.addEventListener("change", function () { showFieldsOf(select); });
  });
})();
