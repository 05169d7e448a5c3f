/// The site's one script, served from `/tertial.js` (the CSP allows scripts from the server only).
/// It makes the outcome grid quicker and shows progress while a PDF is made; everything works without it.
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
    (function () {
      "use strict";
      // PDF downloads take a few seconds: say so while the document is made, then save it. Without the
      // script the link is an ordinary download.
      function fileName(response) {
        var header = response.headers.get("Content-Disposition") || "";
        var utf8 = /filename\*=UTF-8''([^;]+)/.exec(header);
        if (utf8) return decodeURIComponent(utf8[1]);
        var plain = /filename="([^"]+)"/.exec(header);
        return plain ? plain[1] : "dokument.pdf";
      }
      function fetchWithProgress(url, status) {
        var started = Date.now();
        status.textContent = "Skapar PDF …";
        var timer = setInterval(function () {
          status.textContent = "Skapar PDF … " + Math.round((Date.now() - started) / 1000) + " s";
        }, 1000);
        fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) {
            return response.text().then(function (text) {
              var doc = new DOMParser().parseFromString(text, "text/html");
              var message = doc.querySelector("main p") || doc.querySelector("p");
              throw new Error(message ? message.textContent : "PDF kunde inte skapas (" + response.status + ").");
            });
          }
          return response.blob().then(function (blob) {
            var link = document.createElement("a");
            link.href = URL.createObjectURL(blob);
            link.download = fileName(response);
            document.body.appendChild(link);
            link.click();
            setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
            var kb = Math.max(1, Math.round(blob.size / 1024));
            status.textContent = "PDF klar: " + link.download + " (" + kb + " kB) efter " + ((Date.now() - started) / 1000).toFixed(1).replace(".", ",") + " s.";
          });
        }).catch(function (error) {
          status.textContent = error.message || "PDF kunde inte skapas. Försök igen.";
        }).then(function () { clearInterval(timer); });
      }
      function statusFor(element) {
        var menu = element.closest(".downloads");
        return menu && menu.querySelector(".download-status");
      }
      document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[data-pdf]");
        if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
        var status = statusFor(link);
        if (!status || !window.fetch) return;
        event.preventDefault();
        fetchWithProgress(link.href, status);
      });
      document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form.classList || !form.classList.contains("report-form") || !form.elements.format || form.elements.format.value !== "pdf") return;
        var status = statusFor(form);
        if (!status || !window.fetch) return;
        event.preventDefault();
        fetchWithProgress(form.action + "?" + new URLSearchParams(new FormData(form)).toString(), status);
      });
    })();
    """#
}
