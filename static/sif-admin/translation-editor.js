/*
 * Translation editor (wagtail-localize): after a string is saved, the focus goes to the
 * "Translate" button of the next string still to translate, to the next tab when this tab
 * is done (and, once that tab is opened, to its first string), and after the last string
 * to "Submit translation for review". wagtail-localize drops the focus on the page when the
 * text box closes, so an editor had to reach for the mouse for every string; now a page
 * can be translated from the keyboard: Enter (open), type, Enter (save), Enter (next) ...
 * Loaded in the head by home/templates/wagtail_localize/admin/edit_translation.html.
 */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var root = document.querySelector(".js-translation-editor");
  if (!root || !window.MutationObserver) {
    return;
  }
  var saving = null; // the string whose text box was just closed by Enter or Save
  var awaitingTab = null; // the tab we offered; once it is opened, its first string gets the focus

  function visible(element) {
    return element.offsetParent !== null;
  }

  function firstOpen(after) {
    var open = Array.prototype.filter.call(root.querySelectorAll("li.incomplete"), visible);
    if (after) {
      var following = open.filter(function (item) {
        return item !== after && after.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      open = following.length ? following : open.filter(function (item) { return item !== after; });
    }
    return open.length ? open[0].querySelector("button") : null;
  }

  function nextTarget(after) {
    var button = firstOpen(after);
    if (button) {
      return button;
    }
    var tabs = Array.prototype.slice.call(root.querySelectorAll("[role=tab]"));
    var current = tabs.findIndex(function (tab) { return tab.getAttribute("aria-selected") === "true"; });
    var tab = tabs.slice(current + 1).filter(function (later) {
      var panel = document.getElementById(later.getAttribute("aria-controls"));
      return panel && panel.querySelector("li.incomplete");
    })[0];
    if (tab) {
      awaitingTab = tab;
      return tab;
    }
    // Everything on the last tab is translated: next is "Submit translation for review".
    return document.querySelector("[data-sif-review-bar] button[type=submit]");
  }

  root.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.tagName === "TEXTAREA") {
      saving = event.target.closest("li");
    }
  }, true);
  root.addEventListener("click", function (event) {
    // Save is the last of the open string's buttons (Cancel, Save); Cancel leaves the focus alone.
    var button = event.target.closest && event.target.closest("button");
    var item = button && button.closest("li.incomplete, li.complete, li.errored");
    if (item && item.querySelector("textarea")) {
      var buttons = item.querySelectorAll("button");
      if (buttons[buttons.length - 1] === button) {
        saving = item;
      }
    }
  }, true);

  new MutationObserver(function () {
    if (awaitingTab && awaitingTab.getAttribute("aria-selected") === "true") {
      var opened = awaitingTab;
      awaitingTab = null;
      var first = document.activeElement === opened ? firstOpen(null) : null;
      if (first) {
        first.focus();
      }
    }
    if (!saving || saving.querySelector("textarea")) {
      return;
    }
    var done = saving;
    saving = null;
    var active = document.activeElement;
    if (active && active !== document.body && root.contains(active) && active.tagName !== "BUTTON") {
      return; // the editor already moved on by themselves
    }
    var target = nextTarget(done);
    if (target) {
      target.focus();
    }
  }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-selected", "hidden"] });
});

/*
 * Dutch for the few words wagtail-localize's script writes as plain English text ("Nederlands to
 * English translation", "More actions"): the template gives each English text and its Dutch in
 * data-sif-words (home/translation_editor_words.py); a text node that reads exactly that is replaced,
 * also when the editor renders it again.
 */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var root = document.querySelector(".js-translation-editor[data-sif-words]");
  if (!root || !window.MutationObserver) {
    return;
  }
  var words = JSON.parse(root.getAttribute("data-sif-words"));
  var area = root.parentNode;

  function translate() {
    var walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue.trim();
      if (text && Object.prototype.hasOwnProperty.call(words, text)) {
        node.nodeValue = node.nodeValue.replace(text, words[text]);
      }
    }
  }

  translate();
  new MutationObserver(translate).observe(area, { childList: true, subtree: true, characterData: true });
});
