using Nigehban.Web.Platform.Units;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>The waiting hall's screen (issue 14 item 7, issue 20): pushed to, full screen, with a clock that ticks.</summary>
public sealed class QueueScreenTests(BrowserApp app)
{
    [Fact]
    public async Task QueueScreen_ShowsACalledTokenAtOnce_WithoutReloadingThePage()
    {
        var centre = DemoCentre();
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/queue/{centre.Code}");
        await Expect(page.Locator(".counter-tile").First).ToBeVisibleAsync();
        // A mark on this document: a reload would lose it.
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        using var desk = await DeskAsync(centre.Code);
        var ct = TestContext.Current.CancellationToken;
        (await desk.PostAsJsonAsync($"/api/v1/centres/{centre.Code}/tokens", new { serviceCode = (string?)null }, ct)).EnsureSuccessStatusCode();
        var counter = await OpenCounterAsync(desk, centre.Code);
        var call = await desk.PostAsync($"/api/v1/centres/{centre.Code}/counters/{counter}/calls", null, ct);
        call.EnsureSuccessStatusCode();
        var called = JsonDocument.Parse(await call.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("token").GetString()!;

        // Well inside the old 10-second reload: the push, not a timer, brings it.
        await Expect(page.Locator($".counter-tile[data-counter='{counter}'] .counter-token"))
            .ToContainTextAsync(called, new() { Timeout = 5_000 });
        (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).ShouldBeTrue();
        await Expect(page.Locator("meta[http-equiv=refresh]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".portal-header, .portal-footer, .portal-nav")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task QueueScreen_ClockTicks_InTheForcesTimeZone()
    {
        var centre = DemoCentre();
        var page = await app.NewPageAsync();
        // 09:58 in Lahore (UTC+5), held there, then two minutes on.
        await page.Clock.InstallAsync(new() { TimeString = "2026-03-02T04:58:00Z" });
        await page.Clock.PauseAtAsync("2026-03-02T04:58:30Z");
        await page.GotoAsync($"/queue/{centre.Code}");
        var clock = page.Locator("#queue-clock");
        await Expect(clock).ToHaveAttributeAsync("datetime", "2026-03-02T09:58");

        await page.Clock.RunForAsync(120_000);

        await Expect(clock).ToHaveAttributeAsync("datetime", "2026-03-02T10:00");
        await Expect(clock).ToContainTextAsync("10:00");
        // Let time run again: axe, run on the page as the test ends, waits on timers too.
        await page.Clock.ResumeAsync();
    }

    /// <summary>A front-desk officer of the centre, signed in to the API.</summary>
    private async Task<HttpClient> DeskAsync(string centre)
    {
        var account = await app.CreateStaffAsync(Roles.FrontDesk, centre);
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = account.UserName, password = account.Password, otp = BrowserApp.CurrentOtp(account.TotpSecret) }, TestContext.Current.CancellationToken);
        token.EnsureSuccessStatusCode();
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static async Task<int> OpenCounterAsync(HttpClient desk, string centre)
    {
        var screen = JsonDocument.Parse(await desk.GetStringAsync($"/api/v1/centres/{centre}/queue", TestContext.Current.CancellationToken)).RootElement;
        return screen.GetProperty("counters").EnumerateArray().First(c => c.GetProperty("isOpen").GetBoolean()).GetProperty("number").GetInt32();
    }

    /// <summary>Where the demo data sets up counters: the first station of the first district.</summary>
    private UnitInfo DemoCentre()
    {
        var units = app.Services.GetRequiredService<UnitDirectory>();
        var district = units.All.First(u => u.Kind == "district");
        return units.All.First(u => u.Kind == "station" && u.Path.StartsWith(district.Path, StringComparison.Ordinal));
    }
}
