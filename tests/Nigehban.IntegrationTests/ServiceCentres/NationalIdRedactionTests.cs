using System.Net;
using Nigehban.IntegrationTests.Infrastructure;
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
