using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Protection.VirtualDesk;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.ProtectionFixtures;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>
/// The virtual desk (issue 18, item 4; ADR-070): a chat without an account, resumed with its code (any
/// other code the same 404), messages bounded by the pack's limit, answered by the desk and turned into a
/// case that keeps the transcript for its readers only.
/// </summary>
public abstract class VirtualDeskTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<string> StartChatAsync(HttpClient client, string text, string? name = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/virtual-desk/conversations", new { name, text }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()!;
    }

    public static HttpRequestMessage WithCode(HttpMethod method, string url, string? code, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (code is not null)
        {
            request.Headers.Add("Resume-Code", code);
        }

        return request;
    }

    public static Task<Guid> ChatIdAsync(NigehbanApp app, string code)
    {
        var hash = ResumeCode.HashOf(code);
        return app.WithDbAsync(db => db.Set<VirtualDeskChat>().Where(c => c.CodeHash == hash).Select(c => c.Id).SingleAsync(Ct));
    }

    [Fact]
    public async Task TheResumeCode_OpensTheSameConversation_AndAnyOtherCodeIsTheSame404WithNoHint()
    {
        var citizen = app.CreateClient();
        var first = "Generated first message " + Guid.NewGuid().ToString("N")[..8];
        var code = await StartChatAsync(citizen, first);
        code.ShouldMatch("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$");

        // Typed back later, on another device: lower case, without hyphens.
        var typed = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var again = await app.CreateClient().SendAsync(WithCode(HttpMethod.Get, "/api/v1/virtual-desk/conversation", typed), Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var conversation = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        conversation.GetProperty("anonymous").GetBoolean().ShouldBeTrue();
        conversation.GetProperty("messages")[0].GetProperty("text").GetString().ShouldBe(first);

        var posted = await app.CreateClient().SendAsync(WithCode(HttpMethod.Post, "/api/v1/virtual-desk/conversation/messages", code, new { text = "Generated second message" }), Ct);
        posted.StatusCode.ShouldBe(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync(Ct));

        // A code one character off, a well-formed code of nobody, a malformed one and none: one and the same answer.
        var oneOff = (code[0] == '0' ? "1" : "0") + code[1..];
        var answers = new List<JsonElement>();
        foreach (var wrong in new[] { oneOff, ResumeCode.New(), "not a code!", null })
        {
            var response = await app.CreateClient().SendAsync(WithCode(HttpMethod.Get, "/api/v1/virtual-desk/conversation", wrong), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var body = await response.Content.ReadAsStringAsync(Ct);
            body.ShouldNotContain(first);
            answers.Add(JsonDocument.Parse(body).RootElement);
            var write = await app.CreateClient().SendAsync(WithCode(HttpMethod.Post, "/api/v1/virtual-desk/conversation/messages", wrong, new { text = "Generated intrusion" }), Ct);
            write.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        answers.Select(a => (a.GetProperty("title").GetString(), a.GetProperty("detail").GetString(), a.GetProperty("field").GetString())).Distinct().ShouldHaveSingleItem();
        var id = await ChatIdAsync(app, code);
        (await app.WithDbAsync(db => db.Set<VirtualDeskMessage>().CountAsync(m => m.ChatId == id, Ct))).ShouldBe(2);
    }

    [Fact]
    public async Task AMessageOverThePacksLimit_Is400NamingText_AndNothingIsWritten()
    {
        var before = await app.WithDbAsync(db => db.Set<VirtualDeskChat>().CountAsync(Ct));
        var tooLong = new string('x', 2001);
        var refused = await app.CreateClient().PostAsJsonAsync("/api/v1/virtual-desk/conversations", new { text = tooLong }, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(refused)).ShouldBe("text");
        var empty = await app.CreateClient().PostAsJsonAsync("/api/v1/virtual-desk/conversations", new { text = "  " }, Ct);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(empty)).ShouldBe("text");
        (await app.WithDbAsync(db => db.Set<VirtualDeskChat>().CountAsync(Ct))).ShouldBe(before);

        var code = await StartChatAsync(app.CreateClient(), new string('y', 2000));
        var later = await app.CreateClient().SendAsync(WithCode(HttpMethod.Post, "/api/v1/virtual-desk/conversation/messages", code, new { text = tooLong }), Ct);
        later.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(later)).ShouldBe("text");
        (await later.Content.ReadAsStringAsync(Ct)).ShouldNotContain("xxxxxxxxxx");
        var protection = await app.SignInAsync("protection");
        var answer = await protection.PostAsJsonAsync($"/api/v1/virtual-desk/chats/{await ChatIdAsync(app, code)}/messages", new { text = tooLong }, Ct);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(answer)).ShouldBe("text");
    }

    [Fact]
    public async Task TheDeskAnswers_AndOpensACaseInOneAction_WhoseTranscriptOnlyItsReadersSee()
    {
        var citizen = app.CreateClient();
        var name = "Generated Chat Person " + Guid.NewGuid().ToString("N")[..6];
        var code = await StartChatAsync(citizen, "Generated: I need to talk to someone", name);
        var id = await ChatIdAsync(app, code);
        var protection = await app.SignInAsync("protection");

        var list = await protection.GetStringAsync("/api/v1/virtual-desk/chats?pageSize=100", Ct);
        list.ShouldContain(id.ToString());
        list.ShouldNotContain("talk to someone");
        list.ShouldNotContain(name);
        (await protection.PostAsJsonAsync($"/api/v1/virtual-desk/chats/{id}/messages", new { text = "Generated answer: we are here" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var seen = await citizen.SendAsync(WithCode(HttpMethod.Get, "/api/v1/virtual-desk/conversation", code), Ct);
        var messages = (await seen.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("messages");
        messages.GetArrayLength().ShouldBe(2);
        messages[1].GetProperty("fromCitizen").GetBoolean().ShouldBeFalse();
        (await seen.Content.ReadAsStringAsync(Ct)).ShouldNotContain("\"protection\"");

        // The officer who answered holds the chat: a colleague reads neither the chat nor, later, the case.
        var colleague = await SignInAsync(app, await NewStaffAsync(app, await app.SignInAsync("admin"), Roles.ProtectionOfficer, app.Demo("protection").Unit));
        (await colleague.GetAsync($"/api/v1/virtual-desk/chats/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var opened = await protection.PostAsJsonAsync($"/api/v1/virtual-desk/chats/{id}/case", new { }, Ct);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync(Ct));
        var reference = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()!;
        (await protection.PostAsJsonAsync($"/api/v1/virtual-desk/chats/{id}/case", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var after = await citizen.SendAsync(WithCode(HttpMethod.Post, "/api/v1/virtual-desk/conversation/messages", code, new { text = "Generated: thank you, after the case" }), Ct);
        after.StatusCode.ShouldBe(HttpStatusCode.Created);

        var detail = await protection.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct);
        detail.GetProperty("channel").GetString().ShouldBe("Chat");
        detail.GetProperty("assignedOfficer").GetString().ShouldBe("protection");
        detail.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).ShouldBe(["woman"]);
        detail.GetProperty("person").GetProperty("name").GetString().ShouldBe(name);
        var transcript = detail.GetProperty("person").GetProperty("transcript").GetString()!;
        transcript.ShouldContain("citizen: Generated: I need to talk to someone");
        transcript.ShouldContain("desk (protection): Generated answer: we are here");
        transcript.ShouldContain("citizen: Generated: thank you, after the case");

        var withheld = await colleague.GetStringAsync($"/api/v1/protection-cases/{reference}", Ct);
        withheld.ShouldNotContain("talk to someone");
        withheld.ShouldNotContain(name);
        (await colleague.GetAsync($"/api/v1/virtual-desk/chats/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var chat = await app.WithDbAsync(db => db.Set<VirtualDeskChat>().SingleAsync(c => c.Id == id, Ct));
        chat.Status.ShouldBe(VirtualDeskChatStatus.CaseOpened);
        chat.AnsweredWithinTarget.ShouldBe(true);
        chat.CaseReference.ShouldBe(reference);
        (await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ObjectId == id.ToString() && e.Action == "virtual-desk-chat.read", Ct))).ShouldBe(0);
        (await protection.GetAsync($"/api/v1/virtual-desk/chats/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ObjectId == id.ToString() && e.Action == "virtual-desk-chat.read", Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task ADeskOfAnotherDistrict_FindsNoChat()
    {
        var code = await StartChatAsync(app.CreateClient(), "Generated message for the district test");
        var id = await ChatIdAsync(app, code);
        var outsider = await SignInAsync(app, await NewStaffAsync(app, await app.SignInAsync("admin"), Roles.ProtectionOfficer, app.Demo("frontdesk2").Unit));
        (await outsider.GetStringAsync("/api/v1/virtual-desk/chats?pageSize=100", Ct)).ShouldNotContain(id.ToString());
        (await outsider.GetAsync($"/api/v1/virtual-desk/chats/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.PostAsJsonAsync($"/api/v1/virtual-desk/chats/{id}/case", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class VirtualDeskTests_Sqlite(SqliteApp app) : VirtualDeskTests(app);

public sealed class VirtualDeskTests_Postgres(PostgresApp app) : VirtualDeskTests(app);
