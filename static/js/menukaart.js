/* The package composer: update the summary as the visitor ticks services.
   Progressive enhancement: without this script the form is submitted (GET)
   and the server writes the same summary. Nothing is stored; the package
   lives in the page address only. */
(function () {
    "use strict";

    /* A whole-euro amount the way the page's language writes it: the same
       CLDR format the server uses (menukaart/prices.py), e.g. "€ 1.250", "€1,250". */
    function formatEuro(amount, language) {
        return new Intl.NumberFormat(language, {
            style: "currency",
            currency: "EUR",
            minimumFractionDigits: 0,
            maximumFractionDigits: 0
        }).format(amount);
    }

    /* Under Node (tests/test_menukaart_prices.py) only the formatter is wanted. */
    if (typeof module === "object" && module.exports) {
        module.exports = { formatEuro: formatEuro };
        return;
    }

    var form = document.querySelector("[data-menukaart]");
    var summary = form && form.querySelector("[data-package]");
    if (!summary) {
        return;
    }
    var texts = summary.dataset;
    var lines = Array.prototype.slice.call(summary.querySelectorAll("[data-service]"));
    var status = summary.querySelector("[data-package-status]");
    var totalRow = summary.querySelector("[data-package-total-row]");
    var total = summary.querySelector("[data-package-total]");
    var onRequestRow = summary.querySelector("[data-package-on-request-row]");
    var onRequest = summary.querySelector("[data-package-on-request]");
    var send = summary.querySelector("[data-package-send]");
    var updateButton = summary.querySelector("[data-package-update]");
    var onRequestLabel = summary.querySelector("[data-on-request-label]");
    var bar = form.querySelector("[data-package-bar]");
    var barText = bar && bar.querySelector("[data-package-bar-text]");

    function serviceInputs() {
        return Array.prototype.slice.call(form.querySelectorAll('input[name="service"]'));
    }

    /* The chosen services, in menu order (the order of the summary lines). */
    function chosenKeys() {
        var chosen = {};
        serviceInputs().forEach(function (input) {
            if (input.type === "hidden" || input.checked) {
                chosen[input.value] = true;
            }
        });
        return lines
            .map(function (line) { return line.dataset.service; })
            .filter(function (key) { return chosen[key]; });
    }

    function packageQuery(keys) {
        var params = new URLSearchParams(window.location.search);
        params.delete("service");
        keys.forEach(function (key) { params.append("service", key); });
        var query = params.toString();
        return query ? "?" + query : "";
    }

    /* One total per price unit (per group, per participant, per year...), as the
       server writes it: amounts in different units are never added up. One-off
       prices (no unit) come first, then the units in menu order. */
    function totalsPerUnit(chosenLines) {
        var totals = [];
        var byUnit = {};
        chosenLines
            .filter(function (line) { return line.dataset.amount; })
            .sort(function (a, b) { return (a.dataset.unit ? 1 : 0) - (b.dataset.unit ? 1 : 0); })
            .forEach(function (line) {
                var unit = (line.dataset.unit || "").split(/\s+/).filter(Boolean).join(" ");
                var key = unit.toLowerCase();
                if (!byUnit[key]) {
                    byUnit[key] = {amount: 0, unit: unit, isFrom: false};
                    totals.push(byUnit[key]);
                }
                byUnit[key].amount += parseInt(line.dataset.amount, 10);
                byUnit[key].isFrom = byUnit[key].isFrom || line.dataset.kind === "from";
            });
        return totals;
    }

    function totalText(totals) {
        return totals.map(function (part) {
            var text = formatEuro(part.amount, texts.priceLanguage) + (part.unit ? " " + part.unit : "");
            return part.isFrom ? texts.fromPattern.replace("{amount}", text) : text;
        }).join(" + ");
    }

    function update() {
        var keys = chosenKeys();
        var chosenLines = [];
        var titles = [];
        lines.forEach(function (line) {
            var isChosen = keys.indexOf(line.dataset.service) !== -1;
            line.hidden = !isChosen;
            if (!isChosen) {
                return;
            }
            chosenLines.push(line);
            if (!line.dataset.amount) {
                titles.push(line.dataset.title);
            }
        });
        var totals = totalsPerUnit(chosenLines);
        var priced = totals.length;
        var pattern = keys.length === 0 ? texts.statusEmpty : keys.length === 1 ? texts.statusOne : texts.statusOther;
        status.textContent = pattern.replace("{count}", keys.length);
        totalRow.hidden = priced === 0;
        total.textContent = totalText(totals);
        onRequestRow.hidden = titles.length === 0;
        onRequest.textContent = titles.join(", ");
        /* "Not in the total, price on request" beside a total; "Price on request" without one. */
        onRequestLabel.textContent = priced ? onRequestLabel.dataset.besideTotal : onRequestLabel.dataset.withoutTotal;
        if (bar) {
            bar.hidden = keys.length === 0;
            barText.textContent = status.textContent + (priced ? " · " + total.textContent : titles.length ? " · " + texts.priceOnRequest : "");
            keepFocusClearOfBar();
        }

        var query = packageQuery(keys);
        if (send) {
            send.hidden = keys.length === 0;
            send.href = send.dataset.intakeBase + (keys.length ? "?" + keys.map(function (key) {
                return "service=" + encodeURIComponent(key);
            }).join("&") : "");
        }
        /* Keep the address shareable, and the language switch on the same package. */
        window.history.replaceState(null, "", window.location.pathname + query + window.location.hash);
        document.querySelectorAll(".language-switcher a[hreflang]").forEach(function (link) {
            var url = new URL(link.href, window.location.href);
            url.search = query;
            link.href = url.pathname + url.search + url.hash;
        });
    }

    /* WCAG 2.4.11: the sticky bar never hides the focused element. The page's scroll padding
       follows the bar's height (it wraps to more lines on a narrow screen or with larger text),
       and a focused element that still ends up under the bar is scrolled clear of it. */
    function barHeight() {
        return bar && !bar.hidden && window.getComputedStyle(bar).position === "sticky" ? bar.offsetHeight : 0;
    }

    function keepFocusClearOfBar() {
        var height = barHeight();
        document.documentElement.style.setProperty("--package-bar-height", height + "px");
    }

    form.addEventListener("focusin", function (event) {
        var height = barHeight();
        if (!height || bar.contains(event.target)) {
            return;
        }
        var margin = 16;
        var target = event.target.getBoundingClientRect();
        var barBox = bar.getBoundingClientRect();
        var limit = barBox.top - margin;
        /* Only while the bar is stuck to the bottom of the screen, and for what fits above it. */
        var stuck = Math.abs(barBox.bottom - window.innerHeight) < 2;
        if (stuck && target.bottom > limit && target.top < barBox.bottom && target.height < limit) {
            window.scrollBy(0, target.bottom - limit);
        }
    });

    if (bar && window.ResizeObserver) {
        new window.ResizeObserver(keepFocusClearOfBar).observe(bar);
    }
    window.addEventListener("resize", keepFocusClearOfBar);

    form.addEventListener("change", function (event) {
        if (event.target.name === "service") {
            update();
        }
    });

    summary.addEventListener("click", function (event) {
        var link = event.target.closest("[data-remove]");
        if (!link) {
            return;
        }
        event.preventDefault();
        serviceInputs().forEach(function (input) {
            if (input.value !== link.dataset.remove) {
                return;
            }
            if (input.type === "hidden") {
                input.remove();
            } else {
                input.checked = false;
            }
        });
        update();
        summary.focus();
    });

    if (updateButton) {
        updateButton.hidden = true;
    }
    /* A package from a shared or bookmarked address: its bar and summary at once, not after the first change. */
    update();
})();
