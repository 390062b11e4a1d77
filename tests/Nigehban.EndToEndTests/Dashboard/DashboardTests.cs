using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.EndToEndTests.StaffConsole;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Dashboard;

/// <summary>
/// The command dashboard in a real browser. Each test works in a district of its own (other tests
/// submit applications at the demo centre) so the counts it compares are its own.
/// </summary>
public sealed class DashboardTests(BrowserApp app)
{
    private const string Received = "service_requests_received";

    [Fact]
    public async Task ApplicationAtAStation_PushesAlert_AndRaisesCount_OnAnOpenDashboard()
    {
        const string district = "SKT";
        var station = StationIn(district);
        var dpo = await app.CreateStaffAsync(Roles.Dpo, district);
        var dashboard = await app.NewPageAsync();
        await SignIn.AsAsync(dashboard, dpo.UserName, dpo.Password, dpo.TotpSecret);
        await OpenAsync(dashboard, "/console/dashboard");
        await Expect(dashboard.Locator("#dashboard-page")).ToHaveAttributeAsync("data-unit", district);
        var before = await CountAsync(dashboard.Locator($"#kpi-{Received}"));

        // A citizen applies on the portal, in a browser of their own.
        var citizen = await app.NewPageAsync();
        var reference = await PortalApplicant.ApplyForCharacterCertificateAsync(citizen, station, ServiceCentreCitizen.NewCnic(), ServiceCentreCitizen.NewName());

        // No reload: the alert arrives over the circuit and the figures follow it.
        await Expect(dashboard.Locator($"#alert-list li[data-reference='{reference}']")).ToBeVisibleAsync();
        await Expect(dashboard.Locator($"#kpi-{Received}")).ToHaveAttributeAsync("data-value", (before + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(dashboard.Locator($"#kpi-{Received} .kpi-change")).ToHaveTextAsync("+1"); // nothing in the previous 30 days here
        await Expect(dashboard.Locator($"#alert-list li[data-reference='{reference}'] .alert-where")).ToContainTextAsync(app.Unit(station).Name);
        await dashboard.Locator("#trend-card").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(dashboard, "dashboard-alert.png");

        // The number traces to its records: the tile's link lists them, the new application among them.
        await dashboard.Locator($"#kpi-{Received} a.kpi-records").ClickAsync();
        await Expect(dashboard.Locator("#dashboard-records")).ToHaveAttributeAsync("data-total", (before + 1).ToString(CultureInfo.InvariantCulture));
        var row = dashboard.Locator($"#records-table tr[data-reference='{reference}']");
        await Expect(row).ToContainTextAsync(app.Unit(station).Name);
        await Expect(row.Locator("a[data-testid='record-link']")).ToHaveAttributeAsync("href", $"/console/applications/{reference}");
    }

    [Fact]
    public async Task AlertOutsideJurisdiction_IsNotShown()
    {
        var dpo = await app.CreateStaffAsync(Roles.Dpo, "NRW");
        var dashboard = await app.NewPageAsync();
        await SignIn.AsAsync(dashboard, dpo.UserName, dpo.Password, dpo.TotpSecret);
        await OpenAsync(dashboard, "/console/dashboard");

        var inside = await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, StationIn("NRW"), ServiceCentreCitizen.NewName());
        var outside = await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, StationIn("HFZ"), ServiceCentreCitizen.NewName());

        await Expect(dashboard.Locator($"#alert-list li[data-reference='{inside}']")).ToBeVisibleAsync();
        await Expect(dashboard.Locator($"#alert-list li[data-reference='{outside}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Province_DrillsDownThroughMapAndTable_ToAStation()
    {
        var ig = app.Demo("ig");
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, ig.UserName, ig.Password, ig.TotpSecret);
        await OpenAsync(page, "/console/dashboard");
        var province = ig.Unit;
        await Expect(page.Locator("#dashboard-page")).ToHaveAttributeAsync("data-unit", province);

        // One path per district of the pack, each carrying its unit code.
        await Expect(page.Locator("#district-map path.district")).ToHaveCountAsync(42);
        await Expect(page.Locator("#children-table tbody tr")).ToHaveCountAsync(app.ChildrenOf(province).Count);
        await Screenshots.SaveAsync(page, "dashboard.png");
        await page.Locator("#map-card").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "dashboard-map.png");

        // Map: a district opens its own dashboard.
        await page.Locator("#district-map path.district[data-unit='MLT']").ClickAsync();
        await page.WaitForURLAsync("**/console/dashboard/MLT**");
        await Expect(page.Locator("#dashboard-page")).ToHaveAttributeAsync("data-unit", "MLT");

        // Table: from the province down, one level at a time, to a station.
        await OpenAsync(page, "/console/dashboard");
        var code = province;
        while (app.ChildrenOf(code).Count > 0)
        {
            var child = app.ChildrenOf(code)[0].Code;
            await page.Locator($"#children-table tr[data-unit='{child}'] a[data-testid=child-link]").ClickAsync();
            await Expect(page.Locator("#dashboard-page")).ToHaveAttributeAsync("data-unit", child);
            code = child;
        }

        app.Unit(code).Kind.ShouldBe("station");
        await Expect(page.Locator("#children-none")).ToBeVisibleAsync();
        await Expect(page.Locator("#district-map")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=trail-link]").First).ToContainTextAsync(app.Unit(province).Name);
    }

    [Fact]
    public async Task CsvExport_HoldsTheNumbersOfTheTable_AndExcelDownloads()
    {
        const string district = "MLT";
        foreach (var station in app.ChildrenOf(district).SelectMany(s => app.ChildrenOf(s.Code)).Take(3))
        {
            await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, station.Code, ServiceCentreCitizen.NewName());
        }

        var rpo = await app.CreateStaffAsync(Roles.Rpo, app.Unit(district).ParentCode!);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, rpo.UserName, rpo.Password, rpo.TotpSecret);
        await OpenAsync(page, $"/console/dashboard/{district}?period=thismonth");
        await Expect(page.Locator($"#kpi-{Received}")).Not.ToHaveAttributeAsync("data-value", "0");

        var shown = new Dictionary<string, string>();
        foreach (var row in await page.Locator("#children-table tbody tr").AllAsync())
        {
            shown[(await row.GetAttributeAsync("data-unit"))!] = (await row.Locator($"td[data-metric='{Received}']").InnerTextAsync()).Trim();
        }

        shown.Count.ShouldBe(app.ChildrenOf(district).Count);

        var csv = await DownloadAsync(page, "[data-testid=export-children-csv]");
        var lines = Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(SimpleCsv.Split).ToList();
        var receivedColumn = lines[0].IndexOf("Applications received");
        receivedColumn.ShouldBeGreaterThan(1);
        lines.Count.ShouldBe(shown.Count + 1);
        foreach (var cells in lines.Skip(1))
        {
            var unit = cells[1];
            cells[receivedColumn].ShouldBe(shown[unit].Replace(",", "", StringComparison.Ordinal), unit);
        }

        lines.Skip(1).Sum(l => long.Parse(l[receivedColumn], CultureInfo.InvariantCulture))
            .ShouldBe(long.Parse(await page.Locator($"#kpi-{Received}").GetAttributeAsync("data-value") ?? "0", CultureInfo.InvariantCulture));

        var xlsx = await DownloadAsync(page, "[data-testid=export-children-xlsx]");
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = await sheet.ReadToEndAsync(TestContext.Current.CancellationToken);
        foreach (var unit in shown.Keys)
        {
            xml.ShouldContain($"<t>{unit}</t>");
        }
    }

    [Fact]
    public async Task UrduDashboard_RendersRightToLeft()
    {
        var dpo = await app.CreateStaffAsync(Roles.Dpo, "GRW");
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, dpo.UserName, dpo.Password, dpo.TotpSecret);
        await page.GotoAsync("/culture/ur?returnUrl=%2Fconsole%2Fdashboard");
        await page.WaitForURLAsync("**/console/dashboard");
        await Expect(page.Locator("#dashboard-page")).ToHaveAttributeAsync("data-interactive", "true");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("#dashboard-page h1")).ToHaveTextAsync("ڈیش بورڈ");
        await Expect(page.Locator($"#kpi-{Received} .kpi-label")).ToHaveTextAsync("موصول درخواستیں");
        await Screenshots.SaveAsync(page, "dashboard-ur.png");
    }

    [Fact]
    public async Task PublicServiceDeliveryPage_ShowsFiguresPerDistrict_WithoutSigningIn()
    {
        await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, StationIn("JHG"), ServiceCentreCitizen.NewName());
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        await page.GotoAsync("/service-delivery");
        await Expect(page.Locator("#districts-table tbody tr")).ToHaveCountAsync(42);
        await Expect(page.Locator("#delivery-map path.district")).ToHaveCountAsync(42);
        await Screenshots.SaveAsync(page, "service-delivery.png");

        await page.Locator("#districts-table tr[data-unit='JHG'] a").ClickAsync();
        await page.WaitForURLAsync("**/service-delivery/JHG");
        await Expect(page.Locator("#delivery-unit")).ToHaveTextAsync(app.Unit("JHG").Name);
        var received = long.Parse((await page.Locator("#figure-received .figure-value").InnerTextAsync()).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        received.ShouldBeGreaterThanOrEqualTo(1);
        await Expect(page.Locator("#services-table tr[data-service='character-certificate']")).ToBeVisibleAsync();

        var missing = await page.GotoAsync("/service-delivery/NOWHERE");
        missing!.Status.ShouldBe(404);

        await page.GotoAsync("/culture/ur?returnUrl=%2Fservice-delivery%2FJHG");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("h1")).ToContainTextAsync("خدمات کی فراہمی");
    }

    private string StationIn(string district) =>
        app.ChildrenOf(district).SelectMany(s => app.ChildrenOf(s.Code)).First().Code;

    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await Expect(page.Locator("#dashboard-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("#dashboard-page")).Not.ToHaveAttributeAsync("data-loads", "0");
    }

    private static async Task<long> CountAsync(ILocator tile)
    {
        var value = await tile.GetAttributeAsync("data-value");
        return string.IsNullOrEmpty(value) ? 0 : long.Parse(value, CultureInfo.InvariantCulture);
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string selector)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(selector).ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
    }
}
