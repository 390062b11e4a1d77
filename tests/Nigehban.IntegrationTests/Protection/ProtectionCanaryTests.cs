using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Npgsql;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.ProtectionFixtures;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>
/// The canary test (mechanism 10): cases with distinctive names, contacts, addresses, statements and
/// notes are opened and worked; then every list, error and audit answer, the logs, every file of the
/// data folder, the raw SQLite file (with its WAL) and every PostgreSQL table are searched for those
/// strings. Only the readers' own answers may hold them.
/// </summary>
public abstract class ProtectionCanaryTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NoPlaintextOfAProtectedField_AppearsInListsErrorsAuditLogsFilesOrTables()
    {
        using var logs = CapturedLogs.Attach(app);
        var centre = app.Demo("protection").Unit;
        var canaries = new[] { "Name", "Phone", "Address", "Statement", "Note", "Reason", "Outcome", "Online", "Closing", "ChatName", "ChatText", "ChatAnswer", "ChatLater" }
            .ToDictionary(k => k, Canary);
        var protection = await app.SignInAsync("protection");
        var reference = await OpenAsync(protection, Case(centre, canaries["Name"], contact: canaries["Phone"], address: canaries["Address"], statement: canaries["Statement"]));
        var online = await OpenAsync(app.CreateClient(), Case(centre, null, contact: canaries["Online"], anonymous: true, statement: canaries["Online"] + " statement"));
        var referral = await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/referrals", new { partner = "women-shelter", need = "shelter", note = canaries["Note"] }, Ct);
        referral.EnsureSuccessStatusCode();
        var colleague = await SignInAsync(app, await NewStaffAsync(app, await app.SignInAsync("admin"), Roles.ProtectionOfficer, centre));
        (await colleague.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/break-glass", new { reason = "Generated " + canaries["Reason"] }, Ct)).EnsureSuccessStatusCode();
        (await protection.PutAsJsonAsync($"/api/v1/protection-cases/{online}/assignment", new { officer = "protection" }, Ct)).EnsureSuccessStatusCode();
        (await protection.PutAsJsonAsync($"/api/v1/protection-cases/{online}/closure", new { satisfaction = "Satisfied", note = canaries["Closing"] }, Ct)).EnsureSuccessStatusCode();
        // A chat with the virtual desk, answered, turned into a case, and written to after (ADR-070).
        var chatCode = await VirtualDeskTests.StartChatAsync(app.CreateClient(), "Generated " + canaries["ChatText"], canaries["ChatName"]);
        var chatId = await VirtualDeskTests.ChatIdAsync(app, chatCode);
        (await protection.PostAsJsonAsync($"/api/v1/virtual-desk/chats/{chatId}/messages", new { text = canaries["ChatAnswer"] }, Ct)).EnsureSuccessStatusCode();
        (await protection.PostAsJsonAsync($"/api/v1/virtual-desk/chats/{chatId}/case", new { }, Ct)).EnsureSuccessStatusCode();
        (await app.CreateClient().SendAsync(VirtualDeskTests.WithCode(HttpMethod.Post, "/api/v1/virtual-desk/conversation/messages", chatCode, new { text = canaries["ChatLater"] }), Ct)).EnsureSuccessStatusCode();
        var chatRefused = await app.CreateClient().SendAsync(VirtualDeskTests.WithCode(HttpMethod.Post, "/api/v1/virtual-desk/conversation/messages", chatCode, new { text = canaries["ChatText"] + new string('x', 2000) }), Ct);
        // A refusal after the person's details were typed: it must not repeat them.
        var refused = await app.CreateClient().PostAsJsonAsync("/api/v1/protection-cases", Case("NOWHERE", canaries["Name"], contact: canaries["Phone"], statement: canaries["Statement"]), Ct);

        var answers = new List<(string Where, string Text)> { ("refusal", await refused.Content.ReadAsStringAsync(Ct)), ("chat refusal", await chatRefused.Content.ReadAsStringAsync(Ct)) };
        foreach (var url in new[] { "/api/v1/protection-cases?pageSize=100", "/api/v1/protection-cases?mine=true&pageSize=100", "/api/v1/protection-cases/follow-ups?pageSize=100", "/api/v1/protection-cases/referrals?pageSize=100", $"/api/v1/protection-cases/{reference}/reads", "/api/v1/virtual-desk/chats?pageSize=100" })
        {
            answers.Add((url, await protection.GetStringAsync(url, Ct)));
        }

        answers.Add(("withheld read", await (await SignInAsync(app, await NewStaffAsync(app, await app.SignInAsync("admin"), Roles.ProtectionOfficer, centre))).GetStringAsync($"/api/v1/protection-cases/{reference}", Ct)));
        var auditor = await app.SignInAsync("auditor");
        answers.Add(("audit", await auditor.GetStringAsync("/api/v1/audit-events?pageSize=100", Ct)));
        answers.Add(("audit of the case", await auditor.GetStringAsync($"/api/v1/audit-events?pageSize=100&action=protection-case.break-glass", Ct)));
        answers.AddRange(logs.Lines.Select(line => ("log", line)));
        foreach (var file in Directory.GetFiles(app.DataDirectory, "*", SearchOption.AllDirectories))
        {
            answers.Add((Path.GetFileName(file), await ReadSharedAsync(file)));
        }

        if (app.Provider == DatabaseProvider.Postgres)
        {
            answers.AddRange(await PostgresTablesAsync());
        }

        // The controls: the searches see the stored rows (a reference is plain text there) and the readers see the canaries.
        answers.ShouldContain(a => a.Where == "nigehban.db" || a.Where == "nigehban.db-wal" || a.Where.StartsWith("table ", StringComparison.Ordinal));
        answers.Where(a => a.Where.StartsWith("table protection_cases", StringComparison.Ordinal) || a.Where.StartsWith("nigehban.db", StringComparison.Ordinal))
            .ShouldContain(a => a.Text.Contains(reference, StringComparison.Ordinal));
        (await protection.GetStringAsync($"/api/v1/protection-cases/{reference}", Ct)).ShouldContain(canaries["Statement"]);

        var hits = answers.SelectMany(a => canaries.Values.Where(c => a.Text.Contains(c, StringComparison.Ordinal)).Select(c => $"{a.Where}: {c}")).ToList();
        hits.ShouldBeEmpty();
    }

    private static async Task<string> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        // Latin-1 keeps every byte as one character, so ASCII canaries are found inside binary pages too.
        return Encoding.Latin1.GetString(copy.ToArray());
    }

    private async Task<List<(string, string)>> PostgresTablesAsync()
    {
        var found = new List<(string, string)>();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.ShouldContain("protection_cases");
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"{table}\" t", connection);
            found.Add(($"table {table}", (string)(await dump.ExecuteScalarAsync(Ct))!));
        }

        return found;
    }
}

public sealed class ProtectionCanaryTests_Sqlite(SqliteApp app) : ProtectionCanaryTests(app);

public sealed class ProtectionCanaryTests_Postgres(PostgresApp app) : ProtectionCanaryTests(app);
