// Keep CSRF on HTMX requests without inline script (the CSP forbids inline scripts).
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  var cookie = document.cookie.split("; ").find(function (c) { return c.indexOf("csrftoken=") === 0; });
  var value = token ? token.value : (cookie ? cookie.split("=")[1] : "");
  if (value) { event.detail.headers["X-CSRFToken"] = value; }
});
