using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>
/// A national ID typed into the API's tracking query never reaches the logs, even with the framework's
/// request logging turned up to Debug as an operator would while chasing a problem.
/// </summary>
public abstract class NationalIdRedactionTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TrackingCall_WritesTheRequestToTheLogs_WithoutTheNationalId()
    {
        var nationalId = NewCnic();
        var digitsOnly = nationalId.Replace("-", string.Empty, StringComparison.Ordinal);
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId))).GetProperty("reference").GetString()!;
        using var logs = CapturedLogs.Attach(app);

        (await app.CreateClient().GetAsync($"/api/v1/service-requests/{reference}?nationalId={nationalId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().GetAsync($"/api/v1/service-requests/{reference}?NATIONALID={digitsOnly}&x=1", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().GetAsync($"/api/v1/service-requests/{reference}/document?nationalId={digitsOnly}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var lines = logs.Lines;
        lines.ShouldContain(line => line.Contains(reference, StringComparison.Ordinal), "the requests were logged");
        var leaks = lines.Where(line => line.Contains(nationalId, StringComparison.Ordinal) || line.Contains(digitsOnly, StringComparison.Ordinal)).ToList();
        leaks.ShouldBeEmpty(string.Join(Environment.NewLine, leaks));
    }

    [Fact]
    public async Task StaffSearchByNationalId_FindsTheApplication_AsTyped_WithoutLoggingTheId_AndIsAudited()
    {
        var nationalId = NewCnic();
        var digitsOnly = nationalId.Replace("-", string.Empty, StringComparison.Ordinal);
        var urduDigits = new string(nationalId.Select(c => char.IsAsciiDigit(c) ? (char)('\u06F0' + (c - '0')) : c).ToArray());
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId))).GetProperty("reference").GetString()!;
        var desk = await app.SignInAsync("frontdesk");
        using var logs = CapturedLogs.Attach(app);

        foreach (var typed in new[] { nationalId, digitsOnly, urduDigits })
        {
            var found = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests?search={Uri.EscapeDataString(typed)}", Ct);
            found.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("reference").GetString()).ShouldBe([reference], typed);
        }

        var leaks = logs.Lines.Where(line => line.Contains(nationalId, StringComparison.Ordinal) || line.Contains(digitsOnly, StringComparison.Ordinal)).ToList();
        leaks.ShouldBeEmpty(string.Join(Environment.NewLine, leaks));
        var searches = await app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == "service-request.search" && e.Details == reference).Select(e => e.ActorName).ToListAsync(Ct));
        searches.ShouldBe(["frontdesk", "frontdesk", "frontdesk"]);
    }
}

/// <summary>The app with request logging at Debug (the framework's and ours).</summary>
public abstract class VerboseLogsApp : NigehbanApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
    [
        new("Logging:LogLevel:Default", "Debug"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Debug"),
        new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Information"),
        new("Logging:LogLevel:Nigehban.Web.Platform.Api.RequestLog", "Information"),
    ];
}

public sealed class VerboseLogsSqliteApp : VerboseLogsApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class VerboseLogsPostgresApp : VerboseLogsApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class NationalIdRedactionTests_Sqlite(VerboseLogsSqliteApp app) : NationalIdRedactionTests(app), IClassFixture<VerboseLogsSqliteApp>;
public sealed class NationalIdRedactionTests_Postgres(VerboseLogsPostgresApp app) : NationalIdRedactionTests(app), IClassFixture<VerboseLogsPostgresApp>;
