using System.Net;
using System.Text;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>Input at the edges of what a type can hold answers 4xx naming the field, never 500.</summary>
public abstract class BadInputTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> CalendarEdges() => new()
    {
        { "/api/v1/dashboard/summary?to=0001-01-01", "to" },
        { "/api/v1/dashboard/summary?from=9999-12-20", "from" },
        { "/api/v1/dashboard/series?from=9999-12-20&to=9999-12-31", "to" },
        { "/api/v1/dashboard/series?from=0001-01-01&to=2026-01-01", "from" },
        { "/api/v1/dashboard/breakdown?metric=service_requests_received&to=0001-01-01", "to" },
        { "/api/v1/dashboard/records?metric=service_requests_received&from=9999-12-20&to=9999-12-31", "to" },
        { "/api/v1/dashboard/exports/children?unit={district}&from=0001-01-01&to=2026-01-31&format=csv", "from" },
        { "/api/v1/dashboard/exports/series?unit={district}&from=2026-01-01&to=9999-12-31&format=csv", "to" },
        { "/api/v1/service-requests/statistics?to=0001-01-01", "to" },
        { "/api/v1/service-requests/statistics?from=9999-12-20&to=9999-12-31", "to" },
        { "/api/v1/service-requests/statistics?from=1926-01-01&to=2026-01-01", "from" },
    };

    [Theory]
    [MemberData(nameof(CalendarEdges))]
    public async Task DateAtCalendarEdge_Returns400NamingField(string path, string field)
    {
        var ig = await app.SignInAsync("ig");

        var response = await ig.GetAsync(path.Replace("{district}", app.Demo("dpo").Unit, StringComparison.Ordinal), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe(field);
    }

    [Theory]
    [InlineData("application/json; charset=nonsense")]
    [InlineData("application/json; charset=\"x-unknown-42\"")]
    public async Task JsonBody_WithUnknownCharset_Returns415NamingContentType(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-requests");
        request.Content = new ByteArrayContent("{}"u8.ToArray());
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType).ShouldBeTrue();

        var response = await app.CreateClient().SendAsync(request, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        problem.GetProperty("field").GetString().ShouldBe("Content-Type");
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/staff", HttpStatusCode.Unauthorized)]
    public async Task Errors_AreProblemJson_EvenWhenTheClientAcceptsOnlyXml(string path, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/xml");

        var response = await app.CreateClient().SendAsync(request, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, status);
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
    }

    [Fact]
    public async Task JsonBody_InUtf16WithItsCharset_IsStillRead()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token");
        request.Content = new StringContent("""{"userName": 5}""", Encoding.Unicode, "application/json");

        var response = await app.CreateClient().SendAsync(request, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("userName");
    }
}

public sealed class BadInputTests_Sqlite(SqliteApp app) : BadInputTests(app);

public sealed class BadInputTests_Postgres(PostgresApp app) : BadInputTests(app);
