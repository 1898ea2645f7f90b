// Progressive enhancement only: every page works without this file.
// "/" focuses the search box; Escape leaves a citation so its passage hides.
document.addEventListener("keydown", function (event) {
  var target = event.target;
  var typing = target && (target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA");
  if (event.key === "/" && !typing) {
    var box = document.getElementById("q");
    if (box) { event.preventDefault(); box.focus(); }
  } else if (event.key === "Escape" && target && target.classList && target.classList.contains("cite")) {
    target.blur();
  }
});
