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

// A jump to a section (table of contents, #fragment) opens it and the folded sections around it.
function openTarget() {
  var id = decodeURIComponent(location.hash.slice(1));
  var node = id && document.getElementById(id);
  for (; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") { node.open = true; }
  }
}
window.addEventListener("hashchange", openTarget);
document.addEventListener("DOMContentLoaded", openTarget);

// A citation's preview stays on screen: flipped to open leftwards when it would cross the right edge.
function placePassage(cite) {
  var box = cite.querySelector(".passage");
  if (!box) { return; }
  box.classList.remove("flip");
  var rect = box.getBoundingClientRect();
  if (rect.right > document.documentElement.clientWidth - 4) { box.classList.add("flip"); }
}
["mouseover", "focusin"].forEach(function (kind) {
  document.addEventListener(kind, function (event) {
    var cite = event.target.closest && event.target.closest(".cite");
    if (cite) { placePassage(cite); }
  });
});

// On a touch screen the first tap on a citation shows its passage; the second follows the link.
document.addEventListener("click", function (event) {
  var cite = event.target.closest && event.target.closest(".cite");
  if (!cite || !window.matchMedia("(hover: none)").matches) { return; }
  if (cite.dataset.armed !== "1") {
    event.preventDefault();
    document.querySelectorAll(".cite[data-armed='1']").forEach(function (c) { c.dataset.armed = ""; });
    cite.dataset.armed = "1";
    cite.focus();
    placePassage(cite);
  }
});
