// Small progressive help; every page works without it.
(function () {
  "use strict";
  // Claims list <-> marks in the text: hovering one shows the other.
  document.querySelectorAll("mark.claim[data-claim]").forEach(function (mark) {
    var item = document.getElementById("li-" + mark.getAttribute("data-claim"));
    if (!item) { return; }
    mark.addEventListener("mouseenter", function () { item.classList.add("hover"); });
    mark.addEventListener("mouseleave", function () { item.classList.remove("hover"); });
  });
  // Characters left in the comment box.
  var box = document.getElementById("comment");
  if (box && box.maxLength > 0) {
    var left = document.createElement("span");
    left.className = "meta";
    left.setAttribute("aria-live", "polite");
    box.parentNode.appendChild(left);
    var update = function () { left.textContent = (box.maxLength - box.value.length) + " characters left"; };
    box.addEventListener("input", update);
    update();
  }
  // Deleting a comment removes it for good: ask first.
  document.querySelectorAll("button[name=action][value=delete]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm("Delete this comment for good?")) { event.preventDefault(); }
    });
  });
})();
