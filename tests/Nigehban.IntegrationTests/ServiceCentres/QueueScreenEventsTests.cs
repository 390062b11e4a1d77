using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>The waiting hall's screen is pushed to (issue 14 item 7): server-sent events, not a reload.</summary>
public abstract class QueueScreenEventsTests(NigehbanApp app)
{
    private const string Centre = "LHR-PS01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueueEvents_SendTheScreenAtOnce_AndAgainAsSoonAsATokenIsCalled()
    {
        var desk = await app.SignInAsync("frontdesk");
        // Far shorter than the stream's 30-second keep-alive: what arrives in time was pushed.
        using var soon = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        soon.CancelAfter(TimeSpan.FromSeconds(15));

        using var response = await app.CreateClient().GetAsync($"/api/v1/centres/{Centre}/queue/events", HttpCompletionOption.ResponseHeadersRead, soon.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var stream = await response.Content.ReadAsStreamAsync(soon.Token);
        await using var events = SseParser.Create(stream, (_, data) => JsonDocument.Parse(data.ToArray()).RootElement.Clone())
            .EnumerateAsync(soon.Token).GetAsyncEnumerator(soon.Token);

        (await events.MoveNextAsync()).ShouldBeTrue();
        events.Current.EventType.ShouldBe("queue");
        events.Current.Data.GetProperty("unit").GetString().ShouldBe(Centre);
        var counter = events.Current.Data.GetProperty("counters").EnumerateArray()
            .First(c => c.GetProperty("isOpen").GetBoolean()).GetProperty("number").GetInt32();

        (await desk.PostAsJsonAsync($"/api/v1/centres/{Centre}/tokens", new { serviceCode = (string?)null }, Ct)).EnsureSuccessStatusCode();
        var call = await desk.PostAsync($"/api/v1/centres/{Centre}/counters/{counter}/calls", null, Ct);
        call.StatusCode.ShouldBe(HttpStatusCode.OK);
        var called = (await call.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString();

        while (!Serving(events.Current.Data, counter, called))
        {
            (await events.MoveNextAsync()).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task QueueEvents_OfAnUnknownCentre_Are404_NotAnEmptyStream()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/centres/NO-SUCH-UNIT/queue/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetInt32().ShouldBe(404);
    }

    private static bool Serving(JsonElement screen, int counter, string? token) =>
        screen.GetProperty("counters").EnumerateArray()
            .Any(c => c.GetProperty("number").GetInt32() == counter && c.GetProperty("serving").GetString() == token);
}

public sealed class QueueScreenEventsTests_Sqlite(SqliteApp app) : QueueScreenEventsTests(app);

public sealed class QueueScreenEventsTests_Postgres(PostgresApp app) : QueueScreenEventsTests(app);
