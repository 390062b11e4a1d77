// The waiting hall's screen (ADR-027): redraws the board as soon as the queue changes, from this
// same page's HTML, so the markup lives in one place; the clock ticks in the force's time zone.
// Without this script the page still shows the queue as it was loaded.
(function () {
    'use strict';
    var screen = document.getElementById('queue-screen');
    if (!screen || !screen.dataset.events) {
        return;
    }

    var parts = ['queue-counters', 'queue-waiting'];
    var refreshing = null;

    // Replaces only what changed, part by part: the live region stays in place and announces the new
    // token, and nothing else on the screen moves under a reader's cursor.
    function redraw(html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        parts.forEach(function (id) {
            var now = document.getElementById(id);
            var then = next.getElementById(id);
            if (now && then && now.innerHTML !== then.innerHTML) {
                now.innerHTML = then.innerHTML;
            }
        });
    }

    function refresh() {
        if (refreshing) {
            refreshing.again = true;
            return;
        }
        refreshing = { again: false };
        fetch(window.location.href, { cache: 'no-store', headers: { accept: 'text/html' } })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) { if (html) { redraw(html); } })
            .catch(function () { /* the next event tries again */ })
            .finally(function () {
                var again = refreshing.again;
                refreshing = null;
                if (again) {
                    refresh();
                }
            });
    }

    // EventSource reconnects by itself after a dropped connection; its first event redraws the board.
    var events = new EventSource(screen.dataset.events);
    events.addEventListener('queue', refresh);

    var clock = document.getElementById('queue-clock');
    if (clock && window.Intl) {
        var zone = clock.dataset.timeZone;
        var shown = new Intl.DateTimeFormat(document.documentElement.lang, {
            timeZone: zone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
        });
        var machine = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
        });
        var tick = function () {
            var now = new Date();
            var p = {};
            machine.formatToParts(now).forEach(function (part) { p[part.type] = part.value; });
            var stamp = p.year + '-' + p.month + '-' + p.day + 'T' + p.hour + ':' + p.minute;
            if (clock.getAttribute('datetime') !== stamp || !clock.dataset.ticking) {
                clock.setAttribute('datetime', stamp);
                clock.textContent = shown.format(now);
                clock.dataset.ticking = 'true';
            }
        };
        tick();
        window.setInterval(tick, 1000);
    }
})();
