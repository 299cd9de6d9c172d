/* Names for the Django admin's widgets that its own scripts leave unnamed, so
   that screen readers (and axe-core) can tell each one:
   - the autocomplete boxes (select2) and their search fields take the label of
     the select they stand for;
   - the filter icon's description moves to a role that may carry a name;
   - a tabular inline's inputs take their column's heading;
   - the date and time halves of a date-time field take "<field>: Date".
   Rows and widgets added later (inline rows, select2) are named as they come. */
"use strict";
(function () {
  function labelText(id) {
    var label = id && document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameIfUnnamed(element, name) {
    if (element && name && !element.hasAttribute("aria-label") &&
        !element.hasAttribute("aria-labelledby")) {
      element.setAttribute("aria-label", name);
    }
  }

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) {
        return;
      }
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      if (!label) {
        return;
      }
      label.id = label.id || select.id + "-label";
      var selection = container.querySelector(".select2-selection");
      var shown = selection && selection.getAttribute("aria-labelledby");
      if (selection && (!shown || shown.indexOf(label.id) < 0)) {
        // the field's label, then the choice select2 shows (if any)
        selection.setAttribute("aria-labelledby", [label.id, shown].join(" ").trim());
      }
      var rendered = container.querySelector(
        ".select2-selection__rendered[role=textbox]"
      );
      if (rendered && !rendered.hasAttribute("aria-labelledby")) {
        rendered.setAttribute("aria-labelledby", label.id);
      }
      nameIfUnnamed(
        container.querySelector(".select2-search__field"), labelText(select.id)
      );
    });
  }

  function nameHelpIcons(root) {
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(
      function (icon) { icon.setAttribute("role", "img"); }
    );
  }

  function nameTabularInputs(root) {
    root.querySelectorAll(".tabular td[class^='field-']").forEach(function (cell) {
      var column = cell.className.split(" ")[0].replace("field-", "column-");
      var table = cell.closest("table");
      var heading = table && table.querySelector("th." + column);
      if (!heading) {
        return;
      }
      var name = heading.textContent.trim();
      cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(
        function (input) {
          if (!input.labels || input.labels.length === 0) {
            nameIfUnnamed(input, name);
          }
        }
      );
    });
  }

  function nameDateTimeHalves(root) {
    root.querySelectorAll("p.datetime").forEach(function (paragraph) {
      var row = paragraph.closest(".form-row, td");
      var label = row && row.querySelector("label");
      var field = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
      paragraph.querySelectorAll("input").forEach(function (input) {
        var before = input.previousSibling;
        var half = before && before.nodeType === Node.TEXT_NODE
          ? before.textContent.replace(/:\s*$/, "").trim() : "";
        if (!input.labels || input.labels.length === 0) {
          nameIfUnnamed(input, [field, half].filter(Boolean).join(": "));
        }
      });
    });
  }

  function nameAll() {
    nameAutocompletes(document);
    nameHelpIcons(document);
    nameTabularInputs(document);
    nameDateTimeHalves(document);
  }

  var pending = false;
  function nameSoon() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () { pending = false; nameAll(); });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    new MutationObserver(nameSoon).observe(document.body, {
      childList: true, subtree: true
    });
  });
  window.addEventListener("load", nameSoon);
})();
