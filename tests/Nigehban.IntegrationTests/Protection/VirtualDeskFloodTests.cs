using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Identity;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.VirtualDeskTests;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>A flood of messages to one conversation is refused with 429 past the pack's messagesPerMinute (ADR-076), and flows again a minute later.</summary>
public abstract class VirtualDeskFloodTests(FakeClockApp app)
{
    private const int PerMinute = 10; // forces/punjab/protection.json, virtualDesk.messagesPerMinute

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessagesPastTheLimitInAMinute_Are429_NothingStored_AndTheChatFlowsAgainAfterAMinute()
    {
        var citizen = app.CreateClient();
        var code = await StartChatAsync(citizen, "Generated first message"); // counts as the first of the minute
        for (var i = 1; i < PerMinute; i++)
        {
            var sent = await citizen.SendAsync(WithCode(HttpMethod.Post, "/api/v1/virtual-desk/conversation/messages", code, new { text = $"Generated message {i}" }), Ct);
            sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync(Ct));
        }

        var flooded = await citizen.SendAsync(WithCode(HttpMethod.Post, "/api/v1/virtual-desk/conversation/messages", code, new { text = "Generated message too many" }), Ct);
        flooded.StatusCode.ShouldBe((HttpStatusCode)429);
        var problem = await flooded.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("field").GetString().ShouldBe("text");
        problem.GetProperty("detail").GetString()!.ShouldContain(PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        problem.ToString().ShouldNotContain("Generated message too many");

        var read = await citizen.SendAsync(WithCode(HttpMethod.Get, "/api/v1/virtual-desk/conversation", code), Ct);
        (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("messages").GetArrayLength().ShouldBe(PerMinute);

        // Another conversation is not held back by this one's flood.
        await StartChatAsync(app.CreateClient(), "Generated other conversation");

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var later = await citizen.SendAsync(WithCode(HttpMethod.Post, "/api/v1/virtual-desk/conversation/messages", code, new { text = "Generated message after a pause" }), Ct);
        later.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

public sealed class VirtualDeskFloodTests_Sqlite(FakeClockSqliteApp app) : VirtualDeskFloodTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class VirtualDeskFloodTests_Postgres(FakeClockPostgresApp app) : VirtualDeskFloodTests(app), IClassFixture<FakeClockPostgresApp>;
