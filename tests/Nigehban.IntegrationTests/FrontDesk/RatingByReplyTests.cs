using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.FrontDesk;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>Rating by SMS reply (issue 16, item 4): the disposal SMS carries a one-time code; the gateway hands the reply over.</summary>
public abstract class RatingByReplyTests(NigehbanApp app)
{
    private const string Replies = "/api/v1/complaints/rating-replies";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reply_WithTheCodeFromTheDisposalSms_RecordsTheRatingOnce_AndThanksTheComplainant()
    {
        var phone = NewPhone();
        var reference = await FileDisposedAsync(phone);
        var token = (await ComplaintAsync(reference)).RatingToken;
        token.ShouldNotBeNull();
        (await SmsToAsync(app, phone)).Last().ShouldContain(token);
        var gateway = app.CreateClient();

        var rated = await OkAsync(await gateway.PostAsJsonAsync(Replies, new { from = phone, text = $"  {token.ToLowerInvariant()} 5 Officer was  helpful " }, Ct));

        rated.GetProperty("reference").GetString().ShouldBe(reference);
        rated.GetProperty("rating").GetInt32().ShouldBe(5);
        var complaint = await ComplaintAsync(reference);
        complaint.Rating.ShouldBe(5);
        complaint.RatingComment.ShouldBe("Officer was  helpful");
        complaint.RatingToken.ShouldBeNull();
        (await SmsToAsync(app, phone)).Last().ShouldContain(reference);

        (await FieldOfAsync(await gateway.PostAsJsonAsync(Replies, new { from = phone, text = $"{token} 1 changed my mind" }, Ct), 404)).ShouldBe("token");
        (await ComplaintAsync(reference)).Rating.ShouldBe(5);
        (await OkAsync(await gateway.GetAsync($"/api/v1/complaints/{reference}?phone={Uri.EscapeDataString(phone)}", Ct))).GetProperty("rating").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task BadReplies_AreRefusedWithTheFieldNamed_AndRecordNothing()
    {
        var phone = NewPhone();
        var reference = await FileDisposedAsync(phone);
        var token = (await ComplaintAsync(reference)).RatingToken!;
        var unknown = token == "ABCDEF" ? "ABCDEG" : "ABCDEF";
        var gateway = app.CreateClient();

        foreach (var (from, text, status, field) in new (string?, string?, int, string)[]
        {
            (phone, "thank you very much", 400, "text"),
            (phone, token, 400, "text"),
            (phone, $"{token} 6", 400, "text"),
            (phone, $"{token} 0 bad", 400, "text"),
            (phone, $"{token} four", 400, "text"),
            (phone, $"{token}X 4", 400, "text"),
            (phone, "", 400, "text"),
            (phone, null, 400, "text"),
            (phone, $"{token} 4 " + new string('x', 1001), 400, "text"),
            ("not a phone", $"{token} 4", 400, "from"),
            (null, $"{token} 4", 400, "from"),
            (phone, $"{unknown} 4", 404, "token"),
            (NewPhone(), $"{token} 4", 404, "token"), // the right code from someone else's phone
        })
        {
            (await FieldOfAsync(await gateway.PostAsJsonAsync(Replies, new { from, text }, Ct), status)).ShouldBe(field, $"{from} / {text}");
        }

        var complaint = await ComplaintAsync(reference);
        complaint.Rating.ShouldBeNull();
        complaint.RatingToken.ShouldBe(token);
    }

    [Fact]
    public async Task AComplaintNotYetDisposed_HasNoCode_AndRatingOnThePageUsesTheCodeUp()
    {
        var phone = NewPhone();
        var open = await FileAsync(app.CreateClient(), Complaint(phone));
        (await ComplaintAsync(open)).RatingToken.ShouldBeNull();

        var reference = await FileDisposedAsync(phone);
        var token = (await ComplaintAsync(reference)).RatingToken!;
        await OkAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/complaints/{reference}/rating", new { phone, rating = 3 }, Ct));

        (await FieldOfAsync(await app.CreateClient().PostAsJsonAsync(Replies, new { from = phone, text = $"{token} 4" }, Ct), 404)).ShouldBe("token");
        (await ComplaintAsync(reference)).Rating.ShouldBe(3);
    }

    private async Task<string> FileDisposedAsync(string phone)
    {
        var reference = await FileAsync(app.CreateClient(), Complaint(phone));
        var sho = await app.SignInAsync("sho");
        await OkAsync(await AssignAsync(sho, reference, officer: "sho"));
        await OkAsync(await sho.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct));
        await OkAsync(await sho.PostAsJsonAsync($"/api/v1/complaints/{reference}/disposal", new { outcome = "Resolved", note = "Settled between the parties." }, Ct));
        return reference;
    }

    private Task<StationComplaint> ComplaintAsync(string reference) =>
        app.WithDbAsync(db => db.Set<StationComplaint>().IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Reference == reference, Ct));
}

public sealed class RatingByReplyTests_Sqlite(SqliteApp app) : RatingByReplyTests(app);

public sealed class RatingByReplyTests_Postgres(PostgresApp app) : RatingByReplyTests(app);
