using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Features.Identity.CreateStaffAccount;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Units;
using OtpNet;

namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port (127.0.0.1, chosen by the OS) over a temporary SQLite
/// database with demo data, and a headless Chromium from the machine (never downloaded).
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public BrowserApp()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "nigehban-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public string DataDirectory { get; }

    /// <summary>The force pack the app runs (the assembly's shared app: Punjab).</summary>
    protected virtual string Force => "punjab";

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Chromium from the distribution; NIGEHBAN_CHROMIUM points elsewhere if needed.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("NIGEHBAN_CHROMIUM") ?? "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);

        // The machine running CI is small and shared: give pages and assertions time to settle.
        Assertions.SetDefaultExpectTimeout(20_000);
        // Started off xunit's synchronisation context, so Playwright's own message loop never waits for
        // one of xunit's few worker threads (the after-test accessibility audit blocks one of them).
        (_playwright, Browser) = await Task.Run(async () =>
        {
            var playwright = await Playwright.CreateAsync();
            return (playwright, await LaunchChromiumAsync(playwright.Chromium));
        });
    }

    /// <summary>What every test's browser context is: an English browser on a desktop window.</summary>
    public static BrowserNewContextOptions DesktopContext(string? baseUrl) => new()
    {
        BaseURL = baseUrl,
        Locale = "en-GB",
        ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
    };

    /// <summary>A headless Chromium of the machine's, as the suite runs it.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IBrowserType chromium) =>
        chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the OS.
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(DataDirectory, "nigehban.db")}");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Force", Force);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:History", "false"); // the pages' tests count their own records (ADR-038)
        builder.UseSetting("RateLimiting:AnonymousPermitPerMinute", "100000");
    }

    /// <summary>
    /// A fresh browser context: its own cookies, an English browser, a desktop window. Its pages are
    /// checked with axe-core after each navigation unless the test audits them itself
    /// (<paramref name="auditedByTheTest"/>), so no page is audited twice at once.
    /// </summary>
    public async Task<IPage> NewPageAsync(bool javaScriptEnabled = true, bool auditedByTheTest = false)
    {
        var options = DesktopContext(BaseAddress.ToString());
        options.JavaScriptEnabled = javaScriptEnabled;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(20_000);
        TestBrowserContexts.Track(context);
        // Every page of the context, tabs a test opens later included, is checked with axe-core. axe is
        // a script: in a context with scripts off, Chromium never answers the evaluation, and the run
        // hung there. Those pages are audited with scripts on by the tests of the same pages.
        if (javaScriptEnabled && !auditedByTheTest)
        {
            var testKey = AccessibilityAudit.CurrentTestKey();
            context.Page += (_, page) => AccessibilityAudit.Watch(page, testKey);
        }
        return await context.NewPageAsync();
    }

    public IReadOnlyList<DemoAccount> DemoAccounts =>
        JsonSerializer.Deserialize<List<DemoAccount>>(File.ReadAllText(Path.Combine(DataDirectory, "demo-accounts.json")), Json)!;

    public DemoAccount Demo(string userName) => DemoAccounts.Single(a => a.UserName == userName);

    public UnitInfo Unit(string code) => Services.GetRequiredService<UnitDirectory>().Find(code)!;

    public IReadOnlyList<UnitInfo> ChildrenOf(string code) => Services.GetRequiredService<UnitDirectory>().ChildrenOf(code);

    /// <summary>An account of the test's own, for tests that change an account's state (failed sign-ins lock it).</summary>
    public Task<(string UserName, string Password, string TotpSecret)> CreateStaffAsync(string role, string unitCode) =>
        CreateStaffWithRolesAsync(unitCode, role);

    /// <summary>An account of the test's own holding several roles (an officer who walks every console page).</summary>
    public async Task<(string UserName, string Password, string TotpSecret)> CreateStaffWithRolesAsync(string unitCode, params string[] roles)
    {
        var userName = "e2e-" + Guid.NewGuid().ToString("N")[..10];
        const string password = "Correct-Horse-Battery-9";
        await using var scope = Services.CreateAsyncScope();
        var enrolment = await scope.ServiceProvider.GetRequiredService<CreateStaffAccountHandler>()
            .CreateAsync(new CreateStaffRequest(userName, "Test Officer " + userName, unitCode, roles, password), CancellationToken.None);
        return (userName, password, enrolment.TotpSecret);
    }

    public static string CurrentOtp(string base32Secret) => new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp();

    /// <summary>The code of the time step that holds <paramref name="utc"/>.</summary>
    public static string OtpAt(string base32Secret, DateTime utc) => new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(utc);

    /// <summary>A six-digit code that is none of the codes the server would accept right now (it allows one step either side).</summary>
    public static string WrongOtp(string base32Secret)
    {
        var totp = new Totp(Base32Encoding.ToBytes(base32Secret));
        var now = DateTime.UtcNow;
        var valid = new[] { -60, -30, 0, 30, 60 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !valid.Contains(c));
    }
}
