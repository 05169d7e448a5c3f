/// The site's one script, served from `/tertial.js` (the CSP allows scripts from the server only).
/// It only makes the outcome grid quicker; every form works without it.
///
/// - Paste: a column (or block) copied from Excel — tab and newline separated, Swedish decimal
///   comma — fills the cells down (and right) from the cell pasted into.
/// - Keys: Enter and ↓ move down a column, ↑ up; Alt+← and Alt+→ move across.
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
        if (!(input instanceof HTMLInputElement) || !input.dataset.col || !grid(input)) return;
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
