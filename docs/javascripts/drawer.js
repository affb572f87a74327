// Below Material's wide layout the navigation (Timeline, Countries, Topics, Open data, About) is a
// drawer opened by the menu button in the header. That button is the label of a hidden checkbox and
// takes no keyboard focus, so a keyboard user could not open the navigation. Material 9.8 has no
// setting for it; overriding its header template would have to follow every Material release.
// This makes the button one the Tab key reaches: Enter or Space opens and closes the drawer, and
// Escape closes it and puts the focus back on the button.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!toggle || !button) {
    return;
  }
  button.setAttribute("tabindex", "0");
  button.setAttribute("role", "button");
  button.setAttribute("aria-expanded", String(toggle.checked));
  if (!button.hasAttribute("aria-label")) {
    button.setAttribute("aria-label", "Navigation");
  }
  toggle.addEventListener("change", function () {
    button.setAttribute("aria-expanded", String(toggle.checked));
  });
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      // Material clicks a focused label on Enter itself, from a listener on the document: stopped
      // here, the drawer is toggled once, whichever of the two keys.
      event.preventDefault();
      event.stopPropagation();
      toggle.click();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.click();
      button.focus();
    }
  });
})();

// Material's search is a dialog without a name: a screen reader announced "dialog" alone.
(function () {
  "use strict";
  var search = document.querySelector('.md-search[role="dialog"]');
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search the digest");
  }
})();

// A box that scrolls sideways (a chart on a phone, a wide table) takes the keyboard's focus when it
// does scroll, so it can be scrolled with the arrow keys; one that fits takes none.
(function () {
  "use strict";
  function mark() {
    var boxes = document.querySelectorAll(".digest-chart-scroll, .md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
      } else {
        box.removeAttribute("tabindex");
      }
    }
  }
  // Material wraps the tables once its own script has run, which is after this one.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mark);
  }
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();

// Material puts each search result's tags in a <nav>, inside the result's link, of words that link
// nowhere: a screen reader listed one unnamed "navigation" landmark per result (axe: landmark-unique).
// CSS cannot change a role, so each row of tags Material adds to the results is made a plain group.
(function () {
  "use strict";
  var list = document.querySelector(".md-search-result__list");
  if (!list || typeof MutationObserver !== "function") {
    return;
  }
  new MutationObserver(function () {
    var rows = list.querySelectorAll("nav.md-tags:not([role])");
    for (var i = 0; i < rows.length; i++) {
      rows[i].setAttribute("role", "none");
    }
  }).observe(list, { childList: true, subtree: true });
})();
