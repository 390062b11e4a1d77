using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>
/// Runs axe-core (vendored under <c>Axe/</c>) on every page a test opens: after each navigation of the
/// page's main frame (full loads and Blazor's enhanced navigation alike) and once more on the page as
/// the test leaves it. Findings are kept per test; <see cref="AuditAccessibilityAttribute"/> fails the
/// test when any WCAG 2.0/2.1 A or AA rule is violated outside <see cref="AccessibilityAllowList"/>.
/// </summary>
public sealed class AccessibilityAudit
{
    /// <summary>The axe tags of WCAG 2.0 and 2.1, levels A and AA: what issue 20 holds the suite to.</summary>
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>How long one audit may take before it counts as hung (a loaded CI machine runs axe slowly).</summary>
    private static readonly TimeSpan AuditBound = TimeSpan.FromSeconds(60);

    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Axe", "axe.min.js")));

    private static readonly ConcurrentDictionary<string, ConcurrentQueue<AccessibilityAudit>> AuditsByTest = new();

    // Loads axe once per document (indirect eval works with the page's own scripts disabled too), waits
    // for the document to finish loading and settle, and returns only what a failure message needs.
    private const string RunAxeScript = """
        async ([source, tags]) => {
            // Before any await: the page's CSP forbids eval, and only the evaluation Playwright
            // started itself (synchronously) is exempt.
            if (typeof window.axe === 'undefined') {
                (0, eval)(source);
            }
            if (document.readyState !== 'complete') {
                await new Promise(resolve => window.addEventListener('load', resolve, { once: true }));
            }
            // A JSON answer or a PDF shown by the browser is not a page of ours.
            if (document.contentType !== 'text/html') {
                return [];
            }
            // Audit the page as a person meets it, not half-rendered: wait until the DOM has been quiet
            // for 300 ms (a circuit starting, a navigation finishing) and the document has its title,
            // for at most 3 s. (When the circuit starts, Blazor swaps the prerendered <head> content for
            // its live one; under a loaded run the page's title came more than 300 ms after the swap,
            // and axe read a document without one. A page that never sets a title still fails.)
            await new Promise(resolve => {
                let quiet;
                const settle = () => { clearTimeout(quiet); quiet = setTimeout(() => { if (document.title.trim()) { done(); } else { settle(); } }, 300); };
                const observer = new MutationObserver(settle);
                const deadline = setTimeout(done, 3000);
                function done() { observer.disconnect(); clearTimeout(quiet); clearTimeout(deadline); resolve(); }
                observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
                settle();
            });
            // axe runs one audit at a time per document: queue behind one still running.
            const run = (window.nigehbanAxeRun || Promise.resolve()).catch(() => null).then(() =>
                window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }));
            window.nigehbanAxeRun = run;
            const result = await run;
            return result.violations.map(v => ({
                rule: v.id,
                impact: v.impact,
                help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
                detail: ((v.nodes[0] && v.nodes[0].html || '') + ' ' + (v.nodes[0] && v.nodes[0].failureSummary || '')).slice(0, 400),
            }));
        }
        """;

    private readonly IPage _page;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<AccessibilityFinding> _findings = new();
    private Task _pending = Task.CompletedTask;

    private AccessibilityAudit(IPage page) => _page = page;

    /// <summary>Audits this page after each navigation, on behalf of the test that is running now.</summary>
    public static void Watch(IPage page, string testKey)
    {
        var audit = new AccessibilityAudit(page);
        AuditsByTest.GetOrAdd(testKey, _ => new ConcurrentQueue<AccessibilityAudit>()).Enqueue(audit);
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                audit.Queue();
            }
        };
    }

    /// <summary>
    /// Runs axe on the page as it is now, waiting for audits still running; the test's findings that
    /// the allow-list does not excuse. Pages that are closed are skipped.
    /// </summary>
    public static async Task<IReadOnlyList<AccessibilityFinding>> FinishTestAsync()
    {
        if (!AuditsByTest.TryRemove(CurrentTestKey(), out var audits))
        {
            return [];
        }

        var findings = new List<AccessibilityFinding>();
        foreach (var audit in audits)
        {
            audit.Queue();
            await audit.PendingAsync();
            findings.AddRange(audit._findings);
        }

        return findings
            .Where(f => !AccessibilityAllowList.Excuses(f))
            .DistinctBy(f => (f.Url, f.Rule, string.Join('|', f.Targets)))
            .ToList();
    }

    /// <summary>One explicit audit of a page, outside the per-test bookkeeping (for testing the audit itself).</summary>
    public static Task<IReadOnlyList<AccessibilityFinding>> RunAsync(IPage page) => RunAsync(page, AuditBound, probeOnTimeout: true);

    private static async Task<IReadOnlyList<AccessibilityFinding>> RunAsync(IPage page, TimeSpan bound, bool probeOnTimeout)
    {
        // Bounded: a page that cannot run the script (a closed or script-less page) fails the audit
        // with a timeout instead of holding the whole test run.
        var url = page.Url;
        JsonElement result;
        try
        {
            result = await page.EvaluateAsync<JsonElement>(RunAxeScript, new object[] { AxeSource.Value, WcagTags }).WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            var probed = probeOnTimeout
                ? $" The tab, probed: {await ProbeAsync(page)}; the browser had {TestBrowserContexts.OpenTabs(page.Context.Browser!)} tabs open."
                : string.Empty;
            throw new TimeoutException($"axe-core did not finish on {url} within {bound.TotalSeconds:0} s.{probed}");
        }

        var violations = result.Deserialize<AxeViolation[]>() ?? [];
        return violations.Select(v => new AccessibilityFinding(page.Url, v.Rule, v.Impact ?? "", v.Help, v.Targets, v.Detail)).ToList();
    }

    /// <summary>
    /// Audits <paramref name="url"/> in a tab of its own in <paramref name="context"/> (its cookies, so
    /// its sign-in and language), after <paramref name="untilReady"/> has prepared the page. Under a
    /// loaded CI, axe's evaluation sometimes never returned on a page that passed on every other run
    /// (the waiting hall in Urdu, the new-account form, the counter, the FIR list, the home page), and
    /// a retry in a new tab, then in a new context, timed out as well; the cause is not known. So a
    /// timed-out audit is tried again in a new context with the same cookies, then in a new browser
    /// process; only a third timeout fails, with what each stuck tab answered to the probes. Timeouts
    /// that a later attempt got past are written to the test's output, for the next diagnosis.
    /// </summary>
    public static async Task<IReadOnlyList<AccessibilityFinding>> AuditInOwnTabAsync(
        IBrowserContext context, string url, Func<IPage, Task>? untilReady = null, TimeSpan? bound = null)
    {
        var limit = bound ?? AuditBound;
        var timeouts = new List<string>();
        try
        {
            return await AuditInNewTabAsync(context, url, untilReady, limit);
        }
        catch (TimeoutException first)
        {
            timeouts.Add(first.Message);
        }

        var state = await context.StorageStateAsync();
        var origin = context.Pages.Select(p => p.Url).FirstOrDefault(u => u.StartsWith("http", StringComparison.Ordinal));
        var options = BrowserApp.DesktopContext(origin is null ? null : new Uri(origin).GetLeftPart(UriPartial.Authority));
        options.StorageState = state;
        try
        {
            await using var fresh = await context.Browser!.NewContextAsync(options);
            var findings = await AuditInNewTabAsync(fresh, url, untilReady, limit);
            Report(timeouts, "a new context");
            return findings;
        }
        catch (TimeoutException second)
        {
            timeouts.Add("Then, in a new context: " + second.Message);
        }

        await using var browser = await BrowserApp.LaunchChromiumAsync(context.Browser!.BrowserType);
        try
        {
            await using var fresh = await browser.NewContextAsync(options);
            var findings = await AuditInNewTabAsync(fresh, url, untilReady, limit);
            Report(timeouts, "a new browser");
            return findings;
        }
        catch (TimeoutException third)
        {
            throw new TimeoutException($"{string.Join(' ', timeouts)} Then, in a new browser: {third.Message}", third);
        }
    }

    private static void Report(List<string> timeouts, string where) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"The accessibility audit completed in {where} after: {string.Join(' ', timeouts)}");

    private static async Task<IReadOnlyList<AccessibilityFinding>> AuditInNewTabAsync(
        IBrowserContext context, string url, Func<IPage, Task>? untilReady, TimeSpan bound)
    {
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(url);
            if (untilReady is not null)
            {
                await untilReady(page);
            }

            return await RunAsync(page, bound, probeOnTimeout: true);
        }
        finally
        {
            // Not awaited past a few seconds: closing a tab whose renderer is stuck can hang as well.
            await Task.WhenAny(page.CloseAsync(), Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }

    /// <summary>
    /// Whether a tab whose audit timed out still runs script at all, whether its timers fire and its
    /// frames render (axe and the audit's settling wait need both), and in what state it is.
    /// </summary>
    private static async Task<string> ProbeAsync(IPage page)
    {
        var state = await AskAsync(page,
            "() => `readyState ${document.readyState}, ${document.visibilityState}, axe ${typeof window.axe}, ${document.querySelectorAll('*').length} elements, ${document.querySelectorAll('iframe').length} frames`",
            "its renderer runs no script");
        var timers = await AskAsync(page, "() => new Promise(resolve => setTimeout(() => resolve('timers fire'), 50))", "its timers do not fire");
        var frames = await AskAsync(page, "() => new Promise(resolve => requestAnimationFrame(() => resolve('frames render')))", "no animation frame comes");
        return $"{state}; {timers}; {frames}";
    }

    private static async Task<string> AskAsync(IPage page, string script, string silence)
    {
        try
        {
            return await page.EvaluateAsync<string>(script).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            return $"no answer within 5 s ({silence})";
        }
        catch (PlaywrightException failed)
        {
            return $"failed ({failed.Message.Split('\n')[0]})";
        }
    }

    /// <summary>Taken where the test's own code runs: Playwright raises its events on its own task.</summary>
    public static string CurrentTestKey() => TestContext.Current.Test?.UniqueID ?? OutsideATest;

    /// <summary>The key of work done outside any test (an assembly or class fixture's).</summary>
    public const string OutsideATest = "outside-a-test";

    private void Queue()
    {
        lock (_gate)
        {
            _pending = _pending.ContinueWith(_ => CheckAsync(), TaskScheduler.Default).Unwrap();
        }
    }

    private Task PendingAsync()
    {
        lock (_gate)
        {
            return _pending;
        }
    }

    private async Task CheckAsync()
    {
        if (_page.IsClosed || _page.Url.StartsWith("about:", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            var first = await RunAsync(_page, AuditBound, probeOnTimeout: false);
            if (first.Count == 0)
            {
                return;
            }

            // A page caught mid-change (a circuit starting under load, say) is looked at again a moment
            // later: a rule counts when it is still broken then.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var rules = first.Select(f => f.Rule).ToHashSet();
            foreach (var finding in (await RunAsync(_page, AuditBound, probeOnTimeout: false)).Where(f => rules.Contains(f.Rule)))
            {
                _findings.Enqueue(finding);
            }
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // The page navigated on or was closed while axe ran: the next navigation, or the audit as
            // the test ends, looks at what replaced it. Chromium does not always report such a move
            // to the evaluation, which then never returns: counting that as a finding failed tests
            // whose pages were fine (tried in this change, and reverted). The walk's own audits
            // (AccessibilityTests) do fail on a timeout.
        }
    }

    private sealed record AxeViolation(
        [property: JsonPropertyName("rule")] string Rule,
        [property: JsonPropertyName("impact")] string? Impact,
        [property: JsonPropertyName("help")] string Help,
        [property: JsonPropertyName("targets")] string[] Targets,
        [property: JsonPropertyName("detail")] string Detail);
}

/// <summary>One axe rule broken on one page, with the CSS selectors of the elements that break it.</summary>
public sealed record AccessibilityFinding(string Url, string Rule, string Impact, string Help, IReadOnlyList<string> Targets, string Detail = "")
{
    public override string ToString() => $"{Rule} ({Impact}) on {Url}: {Help} — {string.Join(", ", Targets)} — {Detail.ReplaceLineEndings(" ")}";
}
