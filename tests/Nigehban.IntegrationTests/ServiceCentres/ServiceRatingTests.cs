using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>
/// The applicant rates a delivered application once, with the pair that tracks it (ADR-044); the
/// dashboard's satisfaction counts it on the day it was rated, and lists it behind the figure.
/// </summary>
public abstract class ServiceRatingTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> RateAsync(string reference, string? nationalId, int? rating) =>
        await app.CreateClient().PostAsJsonAsync($"/api/v1/service-requests/{reference}/rating", new { nationalId, rating }, Ct);

    [Fact]
    public async Task Applicant_RatesADeliveredApplicationOnce_AndTheDashboardCountsIt()
    {
        var station = app.Demo("frontdesk").Unit;
        var (reference, nationalId) = await ApplyWithDocumentsAsync(app, station);
        var desk = await app.SignInAsync("frontdesk");

        // Not before delivery, not with another's ID, not out of range.
        (await RateAsync(reference, nationalId, 5)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await TransitionAsync(desk, reference, "DocumentsChecked");
        await TransitionAsync(desk, reference, "RecordChecked");
        await TransitionAsync(await app.SignInAsync("sho"), reference, "Approved");
        (await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 500 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await TransitionAsync(desk, reference, "Issued");
        (await RateAsync(reference, NewCnic(), 5)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var outOfRange = await RateAsync(reference, nationalId, 6);
        outOfRange.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await outOfRange.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("rating");
        var noId = await RateAsync(reference, null, 5);
        noId.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noId.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("nationalId");

        var rated = await RateAsync(reference, nationalId, 5);

        rated.StatusCode.ShouldBe(HttpStatusCode.OK, await rated.Content.ReadAsStringAsync(Ct));
        (await RateAsync(reference, nationalId, 1)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var dpo = await app.SignInAsync("dpo");
        var period = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"unit={station}&from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}");
        var summary = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?{period}", Ct);
        summary.GetProperty("metrics").GetProperty(ServiceRequestMetrics.Satisfied).GetDouble().ShouldBeGreaterThan(0);
        var behind = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/records?{period}&metric={ServiceRequestMetrics.Satisfied}&pageSize=100", Ct);
        behind.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()).ShouldContain(reference);
    }
}

public sealed class ServiceRatingTests_Sqlite(SqliteApp app) : ServiceRatingTests(app);
public sealed class ServiceRatingTests_Postgres(PostgresApp app) : ServiceRatingTests(app);
