using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.Protection;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>
/// A new demo instance shows the desk working: named and anonymous cases, follow-ups, a referral to the
/// demo partner's body overdue, a closed case; and the invented names and statements are sealed like any
/// others — no plaintext in the lists, the audit trail or the stored rows.
/// </summary>
public abstract class DemoProtectionCasesTests
{
    private static readonly string[] Fictional = ["Demo Person Alpha", "Demo Person Bravo", "Fictional demo statement", "Fictional demo note", "Fictional demo call"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task FreshDemoStart_HasProtectionCasesAtWork_AndNoneOfTheirWordsInTheClear()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, "punjab", ("Demo:History", "true"));

        await app.WithDbAsync(async db =>
        {
            var cases = await db.Set<ProtectionCase>().Include(c => c.FollowUps).ToListAsync(Ct);
            cases.Count.ShouldBeGreaterThanOrEqualTo(3);
            cases.ShouldContain(c => c.Anonymous && c.AssignedAccountId == null && c.NameSealed == null);
            cases.ShouldContain(c => !c.Anonymous && c.NameSealed != null && c.Status == ProtectionCaseStatus.Open);
            cases.ShouldContain(c => c.Status == ProtectionCaseStatus.Closed && c.Satisfaction == ProtectionSatisfaction.Satisfied);
            cases.SelectMany(c => c.FollowUps).ShouldContain(f => f.DoneAt == null && f.DueAt < DateTimeOffset.UtcNow);
            var referrals = await db.Set<ProtectionReferral>().ToListAsync(Ct);
            referrals.ShouldContain(r => r.PartnerCode == "women-shelter" && r.AcknowledgedAt == null && r.AcknowledgeDueAt < DateTimeOffset.UtcNow);
        });

        var answers = new List<(string Where, string Text)>();
        var protection = await app.SignInAsync("protection");
        foreach (var url in new[] { "/api/v1/protection-cases?pageSize=100", "/api/v1/protection-cases/follow-ups?pageSize=100", "/api/v1/protection-cases/referrals?pageSize=100" })
        {
            answers.Add((url, await protection.GetStringAsync(url, Ct)));
        }

        var listed = await protection.GetFromJsonAsync<JsonElement>("/api/v1/protection-cases?pageSize=100", Ct);
        listed.GetProperty("totalCount").GetInt32().ShouldBeGreaterThanOrEqualTo(3);
        answers.Add(("board", await (await app.SignInAsync("sho")).GetStringAsync("/api/v1/protection-board", Ct)));
        answers.Add(("audit", await (await app.SignInAsync("auditor")).GetStringAsync("/api/v1/audit-events?pageSize=100", Ct)));
        answers.AddRange(await StoredAsync(app));

        // The control: the assigned officer reads the invented person, so the strings searched for are really there.
        var named = listed.GetProperty("items").EnumerateArray().First(c => c.GetProperty("assignedOfficer").GetString() == "protection");
        (await protection.GetStringAsync($"/api/v1/protection-cases/{named.GetProperty("reference").GetString()}", Ct)).ShouldContain("Fictional demo statement");

        answers.SelectMany(a => Fictional.Where(f => a.Text.Contains(f, StringComparison.Ordinal)).Select(f => $"{a.Where}: {f}")).ShouldBeEmpty();
    }

    private static async Task<List<(string, string)>> StoredAsync(ConfiguredApp app)
    {
        var found = new List<(string, string)>();
        if (app.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync(Ct);
            foreach (var table in new[] { "protection_cases", "protection_follow_ups", "protection_referrals", "audit_events" })
            {
                await using var dump = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"{table}\" t", connection);
                found.Add(($"table {table}", (string)(await dump.ExecuteScalarAsync(Ct))!));
            }

            return found;
        }

        foreach (var file in Directory.GetFiles(app.DataDirectory, "nigehban.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            found.Add((Path.GetFileName(file), Encoding.Latin1.GetString(copy.ToArray())));
        }

        found.ShouldNotBeEmpty();
        return found;
    }
}

public sealed class DemoProtectionCasesTests_Sqlite : DemoProtectionCasesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class DemoProtectionCasesTests_Postgres : DemoProtectionCasesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
