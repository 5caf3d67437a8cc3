/* Site-wide enhancements: focus on a form's error summary and its links; the menu button on
   narrow screens. Progressive enhancement: without this
   script the navigation stays open (one row that scrolls sideways). With it,
   the button appears on narrow screens and folds the navigation away. */
(function () {
    "use strict";

    /* After a form comes back with errors, start at the summary of what to fix. */
    var errorSummary = document.querySelector("[data-error-summary]");
    if (errorSummary) {
        errorSummary.focus();
    }

    /* A link in the summary brings its field into view with the field's label (or its group's
       legend) and error message above it, then focuses the field: jumping to the field alone
       would put the label and the message above the top of the screen. */
    document.addEventListener("click", function (event) {
        var link = event.target.closest(".error-summary a[href^='#']");
        var field = link && document.getElementById(link.getAttribute("href").slice(1));
        if (!field) {
            return;
        }
        var group = field.closest("fieldset, .field") || field;
        event.preventDefault();
        group.scrollIntoView({block: "start"});
        field.focus({preventScroll: true});
        if (window.history.replaceState) {
            window.history.replaceState(null, "", link.getAttribute("href"));
        }
    });
})();

(function () {
    "use strict";

    var nav = document.querySelector("[data-site-nav]");
    var toggle = nav && nav.querySelector("[data-site-nav-toggle]");
    var panel = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!panel) {
        return;
    }

    function setOpen(open) {
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        nav.classList.toggle("site-nav--open", open);
    }

    /* site.css folds the menu away and shows the button on narrow screens when scripting is
       on, from the first paint (a media query, so nothing moves when this runs); here the
       button loses `hidden` and starts to work. */
    toggle.hidden = false;
    setOpen(false);

    toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });

    nav.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            toggle.focus();
        }
    });
})();
