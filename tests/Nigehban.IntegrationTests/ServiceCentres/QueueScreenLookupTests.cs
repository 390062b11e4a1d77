using System.Net;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>Only a unit that serves the public has a queue screen: a district's code is not an empty centre.</summary>
public abstract class QueueScreenLookupTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueueOfADistrict_IsNotFound_OnTheScreenAndInTheApi()
    {
        var client = app.CreateClient();

        (await client.GetAsync("/api/v1/centres/LHR/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/queue/LHR", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/v1/centres/LHR-PS01/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/queue/LHR-PS01", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class QueueScreenLookupTests_Sqlite(SqliteApp app) : QueueScreenLookupTests(app);
public sealed class QueueScreenLookupTests_Postgres(PostgresApp app) : QueueScreenLookupTests(app);
