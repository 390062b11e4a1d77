using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.Web.Platform.Forces;
using Shouldly;
using static Nigehban.IntegrationTests.Identity.IdentityTestKit;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>Service statistics count the force's calendar days, as the dashboard does, not UTC's.</summary>
public abstract class ServiceStatisticsDayTests(FakeClockApp app)
{
    [Fact]
    public async Task Statistics_CountAnApplicationJustAfterLocalMidnight_OnTheLocalDay()
    {
        var timeZone = app.Services.GetRequiredService<ForcePack>().TimeZone;
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Now, timeZone).DateTime).AddDays(3);
        var halfPastMidnight = TimeZoneInfo.ConvertTimeToUtc(localDay.ToDateTime(new TimeOnly(0, 30)), timeZone);
        var utcDay = DateOnly.FromDateTime(halfPastMidnight);
        utcDay.ShouldNotBe(localDay, "the pack's zone must be ahead of UTC for this instant to fall on two days");
        app.Clock.SetUtcNow(new DateTimeOffset(halfPastMidnight, TimeSpan.Zero));
        const string station = "LHR-PS03";

        await ServiceCentreFixtures.SubmitAsync(app.CreateClient(), ServiceCentreFixtures.Application(ServiceCentreFixtures.NewCnic(), unit: station));

        var dpo = await app.SignInWithNextCodeAsync("dpo");
        async Task<int> ReceivedOnAsync(DateOnly day) =>
            (await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests/statistics?unit={station}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", Ct))
                .GetProperty("received").GetInt32();
        (await ReceivedOnAsync(localDay)).ShouldBe(1);
        (await ReceivedOnAsync(utcDay)).ShouldBe(0);
    }
}

public sealed class ServiceStatisticsDayTests_Sqlite(FakeClockSqliteApp app) : ServiceStatisticsDayTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class ServiceStatisticsDayTests_Postgres(FakeClockPostgresApp app) : ServiceStatisticsDayTests(app), IClassFixture<FakeClockPostgresApp>;
