/// The site's one script, served from `/tertial.js` (the CSP allows scripts from the server only).
/// It only makes the outcome grid quicker; every form works without it.
///
/// - Paste: a column (or block) copied from Excel — tab and newline separated, Swedish decimal
///   comma — fills the cells down (and right) from the cell pasted into.
/// - Keys: Enter and ↓ move down a column, ↑ up; Alt+← and Alt+→ move across. Tab goes as Excel's
///   does: outcome → forecast → the next row's outcome (Shift+Tab back), past the comments, which are
///   reached on purpose with Alt+K (and left with Esc, back to the value); after the last cell Tab
///   goes on to the page's next control.
enum Script {
    static let js = #"""
    (function () {
      "use strict";
      function grid(input) { return input.closest("form[data-grid]"); }
      function cells(form) { return Array.prototype.slice.call(form.querySelectorAll("input[data-col]")); }
      function cellAt(form, row, col) { return form.querySelector('input[data-row="' + row + '"][data-col="' + col + '"]'); }
      function move(input, dRow, dCol) {
        var next = cellAt(grid(input), +input.dataset.row + dRow, +input.dataset.col + dCol);
        if (next) { next.focus(); next.select(); return true; }
        return false;
      }
      document.addEventListener("keydown", function (event) {
        var input = event.target;
        if (input instanceof HTMLInputElement && input.classList.contains("comment") && event.key === "Escape" && grid(input)) {
          var value = input.closest("td").querySelector("input[data-col]");
          if (value) { value.focus(); event.preventDefault(); }
          return;
        }
        if (!(input instanceof HTMLInputElement) || !input.dataset.col || !grid(input)) return;
        if (event.key === "Tab" && !event.altKey && !event.ctrlKey) {
          var all = cells(grid(input)), at = all.indexOf(input), next = all[at + (event.shiftKey ? -1 : 1)];
          if (next) { next.focus(); next.select(); event.preventDefault(); }
          return;
        }
        if (event.altKey && (event.key === "k" || event.key === "K")) {
          var comment = input.closest("td").querySelector("input.comment");
          if (comment) { comment.focus(); event.preventDefault(); }
          return;
        }
        if ((event.key === "Enter" && !event.shiftKey) || event.key === "ArrowDown") { if (move(input, 1, 0)) event.preventDefault(); }
        else if (event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey)) { if (move(input, -1, 0)) event.preventDefault(); }
        else if (event.altKey && event.key === "ArrowRight") { if (move(input, 0, 1)) event.preventDefault(); }
        else if (event.altKey && event.key === "ArrowLeft") { if (move(input, 0, -1)) event.preventDefault(); }
      });
      document.addEventListener("paste", function (event) {
        var input = event.target;
        if (!(input instanceof HTMLInputElement) || !input.dataset.col || !grid(input)) return;
        var text = (event.clipboardData || window.clipboardData).getData("text");
        if (!/[\t\n]/.test(text)) return; // a single value: let the browser paste it
        event.preventDefault();
        var rows = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
        var filled = 0, form = grid(input);
        rows.forEach(function (line, r) {
          line.split("\t").forEach(function (value, c) {
            var target = cellAt(form, +input.dataset.row + r, +input.dataset.col + c);
            if (target) { target.value = value.trim(); target.classList.add("pasted"); filled++; }
          });
        });
        var status = document.getElementById("grid-status");
        if (status) status.textContent = filled + " rutor ifyllda från urklipp. Spara när du är klar.";
      });
    })();
    """#
}
