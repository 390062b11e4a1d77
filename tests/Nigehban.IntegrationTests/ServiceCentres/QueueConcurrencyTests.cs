using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Shouldly;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>
/// Counters calling and desks serving at the same moment: each waiting token goes to one counter
/// only, none is skipped, and a called token is finished once. An app of its own, so that no other
/// test issues or calls tokens at this centre meanwhile.
/// </summary>
public abstract class QueueConcurrencyTests<TApp> : IAsyncLifetime where TApp : NigehbanApp, new()
{
    private const int Rounds = 25;
    private const int TokensPerRound = 3;
    private static readonly int[] Counters = [1, 2, 3, 4];

    private readonly TApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Centre => _app.Demo("frontdesk").Unit;

    public async ValueTask InitializeAsync() => await _app.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task CountersCallingAtOnce_EachGetADifferentToken_AndNoneIsLost()
    {
        var desk = await _app.SignInAsync("frontdesk");
        var calledBy = new Dictionary<Guid, int>();
        for (var round = 0; round < Rounds; round++)
        {
            var issued = new HashSet<Guid>();
            for (var i = 0; i < TokensPerRound; i++)
            {
                issued.Add((await IssueAsync(desk)).GetProperty("id").GetGuid());
            }

            // One more counter than tokens: every token is called once, and one counter hears "nobody waiting".
            var calls = await Task.WhenAll(Counters.Select(async counter =>
                (Counter: counter, Response: await desk.PostAsync($"/api/v1/centres/{Centre}/counters/{counter}/calls", null, Ct))));

            calls.Count(c => c.Response.StatusCode == HttpStatusCode.NoContent).ShouldBe(Counters.Length - TokensPerRound, $"round {round}");
            var called = new List<Guid>();
            foreach (var (counter, response) in calls.Where(c => c.Response.StatusCode != HttpStatusCode.NoContent))
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
                var token = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                token.GetProperty("counter").GetInt32().ShouldBe(counter);
                called.Add(token.GetProperty("id").GetGuid());
                calledBy[token.GetProperty("id").GetGuid()] = counter;
            }

            called.ShouldBeUnique($"round {round}: a token was called to two counters");
            called.ShouldBe(issued, ignoreOrder: true, $"round {round}: a waiting token was skipped");
        }

        // What the counters were told is what the database holds: no later call overwrote an earlier one.
        var stored = await _app.WithDbAsync(db => db.Set<QueueToken>().AsNoTracking().Where(t => t.UnitCode == Centre).ToListAsync(Ct));
        stored.Count.ShouldBe(Rounds * TokensPerRound);
        stored.ShouldAllBe(t => t.Status == TokenStatus.Called);
        stored.ShouldAllBe(t => calledBy[t.Id] == t.CounterNumber);
    }

    [Fact]
    public async Task DesksFinishingOneTokenAtOnce_OneWins_TheOtherAnswers409()
    {
        var desk = await _app.SignInAsync("frontdesk");
        for (var round = 0; round < Rounds; round++)
        {
            var id = (await IssueAsync(desk)).GetProperty("id").GetGuid();
            var call = await desk.PostAsync($"/api/v1/centres/{Centre}/counters/1/calls", null, Ct);
            (await call.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid().ShouldBe(id);

            var service = $"/api/v1/centres/{Centre}/tokens/{id}/service";
            var finishes = await Task.WhenAll(
                desk.PostAsJsonAsync(service, new { reference = (string?)null, noShow = false }, Ct),
                desk.PostAsJsonAsync(service, new { reference = (string?)null, noShow = true }, Ct));

            var won = finishes.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
            won.Count.ShouldBe(1, $"round {round}: both desks finished the token");
            finishes.Single(r => r.StatusCode != HttpStatusCode.OK).StatusCode.ShouldBe(HttpStatusCode.Conflict);
            var answer = (await won[0].Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString();
            var stored = await _app.WithDbAsync(db => db.Set<QueueToken>().AsNoTracking().SingleAsync(t => t.Id == id, Ct));
            stored.Status.ToString().ShouldBe(answer, $"round {round}: the stored outcome is not the one the winner was told");
        }
    }

    private async Task<JsonElement> IssueAsync(HttpClient desk)
    {
        var response = await desk.PostAsJsonAsync($"/api/v1/centres/{Centre}/tokens", new { serviceCode = (string?)null }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}

public sealed class QueueConcurrencyTests_Sqlite : QueueConcurrencyTests<SqliteApp>;

public sealed class QueueConcurrencyTests_Postgres : QueueConcurrencyTests<PostgresApp>;
