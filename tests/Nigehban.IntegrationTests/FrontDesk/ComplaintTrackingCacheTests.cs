using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.FrontDesk.TrackComplaint;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>
/// Complaint tracking answered from the in-process cache: every committed step shows in the very
/// next tracking answer, and a cached answer is never served to another phone.
/// </summary>
public abstract class ComplaintTrackingCacheTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ComplaintTrackingCache Cache => app.Services.GetRequiredService<ComplaintTrackingCache>();

    [Fact]
    public async Task EveryStep_ShowsInTheNextTrackingAnswer_ThoughTheLastOneWasCached()
    {
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), Complaint(phone));
        var sho = await app.SignInAsync("sho");

        (await TrackAsync(reference, phone)).GetProperty("status").GetString().ShouldBe("Received");
        Cache.TryGet(reference, phone, out _).ShouldBeTrue("the first read fills the cache, so the reads below would see a stale entry");

        await OkAsync(await AssignAsync(sho, reference, officer: "sho", phone: "+923335556677"));
        var assigned = await TrackAsync(reference, phone);
        assigned.GetProperty("status").GetString().ShouldBe("Assigned");
        assigned.GetProperty("officer").GetProperty("phone").GetString().ShouldBe("+923335556677");

        await OkAsync(await sho.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct));
        (await TrackAsync(reference, phone)).GetProperty("status").GetString().ShouldBe("UnderInquiry");

        await OkAsync(await sho.PostAsJsonAsync($"/api/v1/complaints/{reference}/disposal", new { outcome = "Resolved", note = "Settled." }, Ct));
        (await TrackAsync(reference, phone)).GetProperty("outcome").GetString().ShouldBe("Resolved");

        await OkAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/complaints/{reference}/rating", new { phone, rating = 2 }, Ct));
        var rated = await TrackAsync(reference, phone);
        rated.GetProperty("rating").GetInt32().ShouldBe(2);
        rated.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("event").GetString()).ShouldBe(["Received", "Assigned", "InquiryStarted", "Disposed", "Rated"]);
    }

    [Fact]
    public async Task ACachedAnswer_IsNotServedToAnotherPhone()
    {
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), Complaint(phone));
        await TrackAsync(reference, phone);
        Cache.TryGet(reference, phone, out _).ShouldBeTrue();

        (await FieldOfAsync(await app.CreateClient().GetAsync($"/api/v1/complaints/{reference}?phone={Uri.EscapeDataString(NewPhone())}", Ct), 404)).ShouldBe("reference");
    }

    [Fact]
    public async Task ATransfer_EvictsTheAnswer_AndTrackingNamesTheNewStation()
    {
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), Complaint(phone));
        var dpo = await app.SignInAsync("dpo");
        var before = (await TrackAsync(reference, phone)).GetProperty("unit").GetString();

        await OkAsync(await dpo.PostAsJsonAsync($"/api/v1/complaints/{reference}/transfers", new { toUnit = "LHR-PS02", reason = "Nearer to the incident." }, Ct));

        Cache.TryGet(reference, phone, out _).ShouldBeFalse();
        var moved = await TrackAsync(reference, phone);
        moved.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("event").GetString()).ShouldContain("Transferred");
        moved.GetProperty("unit").GetString().ShouldNotBe(before);
    }

    private async Task<JsonElement> TrackAsync(string reference, string phone) =>
        await OkAsync(await app.CreateClient().GetAsync($"/api/v1/complaints/{reference}?phone={Uri.EscapeDataString(phone)}", Ct));
}

public sealed class ComplaintTrackingCacheTests_Sqlite(SqliteApp app) : ComplaintTrackingCacheTests(app);

public sealed class ComplaintTrackingCacheTests_Postgres(PostgresApp app) : ComplaintTrackingCacheTests(app);
