// Keep CSRF on HTMX requests without inline script (the CSP forbids inline scripts).
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  var cookie = document.cookie.split("; ").find(function (c) { return c.indexOf("csrftoken=") === 0; });
  var value = token ? token.value : (cookie ? cookie.split("=")[1] : "");
  if (value) { event.detail.headers["X-CSRFToken"] = value; }
});

// On a phone, tables become cards (app.css): each cell carries its column's name.
function labelTableCells(root) {
  root.querySelectorAll("table.grid").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    if (!heads.length) { return; }
    var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var col = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (!cell.hasAttribute("data-label") && names[col]) { cell.setAttribute("data-label", names[col]); }
        col += cell.colSpan || 1;
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { labelTableCells(document); });
document.addEventListener("htmx:afterSwap", function (event) { labelTableCells(event.target); });
