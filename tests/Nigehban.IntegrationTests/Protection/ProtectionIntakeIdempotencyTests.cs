using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Protection;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.ProtectionFixtures;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>
/// The online intake honours Idempotency-Key like the other citizen submissions (ADR-071): a double
/// submit opens one case, another request under the same key is 422, and the key is not kept in the clear.
/// </summary>
public abstract class ProtectionIntakeIdempotencyTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> SubmitAsync(string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/protection-cases") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await app.CreateClient().SendAsync(request, Ct);
    }

    [Fact]
    public async Task ADoubleSubmitUnderOneKey_OpensOneCase_AndAnotherRequestUnderTheKeyIs422()
    {
        var key = Guid.NewGuid().ToString();
        var body = Case(app.Demo("protection").Unit, null, contact: "+923001239876", anonymous: true, statement: "Generated statement sent twice " + key[..8]);

        var first = await SubmitAsync(key, body);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        var second = await SubmitAsync(key, body);
        second.StatusCode.ShouldBe(HttpStatusCode.Created, await second.Content.ReadAsStringAsync(Ct));
        second.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var opened = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var replayed = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        replayed.GetProperty("reference").GetString().ShouldBe(opened.GetProperty("reference").GetString());
        replayed.GetProperty("firstFollowUpDueAt").GetDateTimeOffset().ShouldBe(opened.GetProperty("firstFollowUpDueAt").GetDateTimeOffset());

        var other = await SubmitAsync(key, Case(app.Demo("protection").Unit, null, contact: "+923001239877", anonymous: true));
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await FieldOfAsync(other)).ShouldBe("Idempotency-Key");

        var cases = await app.WithDbAsync(db => db.Set<ProtectionCase>().Where(c => c.IdempotencyKeyHash != null && c.Reference == opened.GetProperty("reference").GetString())
            .Select(c => new { c.IdempotencyKeyHash, c.IdempotencyRequestHash }).ToListAsync(Ct));
        cases.ShouldHaveSingleItem().IdempotencyKeyHash.ShouldNotBe(key);
        (await app.WithDbAsync(db => db.Set<ProtectionCase>().CountAsync(c => c.IdempotencyKeyHash == cases[0].IdempotencyKeyHash, Ct))).ShouldBe(1);

        var tooLong = await SubmitAsync(new string('k', 101), body);
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(tooLong)).ShouldBe("Idempotency-Key");
    }
}

public sealed class ProtectionIntakeIdempotencyTests_Sqlite(SqliteApp app) : ProtectionIntakeIdempotencyTests(app);

public sealed class ProtectionIntakeIdempotencyTests_Postgres(PostgresApp app) : ProtectionIntakeIdempotencyTests(app);
