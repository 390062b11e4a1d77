using System.Net.Http.Json;
using Nigehban.IntegrationTests.Cli;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Identity;

/// <summary>
/// Issue 13 item 7: the operator on the machine unlocks a locked account with
/// <c>account unlock USER</c>, audited as the command-line operator; run as a separate process on a
/// stopped instance, as the operator would when every administrator is locked out.
/// </summary>
public abstract class AccountUnlockVerbTests<TApp> : IAsyncLifetime where TApp : NigehbanApp, new()
{
    private readonly TApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _app.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Unlock_ClearsTheLockout_AndIsAuditedAsTheOperator()
    {
        var admin = _app.Demo("admin");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var refused = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = admin.UserName, password = "not-the-password-1", otp = "000000" }, Ct);
            refused.IsSuccessStatusCode.ShouldBeFalse();
        }

        await _app.StopAsync();
        var lockout = $"SELECT \"LockedOutAt\" IS NOT NULL, \"FailedAttempts\" FROM staff_accounts WHERE \"UserName\" = '{admin.UserName}'";
        (await StoppedInstance.RowsAsync(_app, lockout)).Single().ShouldStartWith(_app.Provider == Web.Platform.Data.DatabaseProvider.Sqlite ? "1|" : "True|");

        using var verbs = StoppedInstance.VerbsOn(_app);
        var unlock = await verbs.RunAsync("account", "unlock", admin.UserName.ToUpperInvariant());

        unlock.ExitCode.ShouldBe(0, unlock.ToString());
        unlock.Output.ShouldContain($"unlocked '{admin.UserName}'");
        (await StoppedInstance.RowsAsync(_app, lockout)).Single().ShouldEndWith("|0");
        (await StoppedInstance.RowsAsync(_app, lockout)).Single().ShouldStartWith(_app.Provider == Web.Platform.Data.DatabaseProvider.Sqlite ? "0|" : "False|");
        var audited = await StoppedInstance.RowsAsync(_app,
            "SELECT \"ActorName\", \"ObjectType\" FROM audit_events WHERE \"Action\" = 'staff.unlocked'");
        audited.ShouldContain("system:cli|StaffAccount");
        audited.ShouldNotContain(a => !a.StartsWith("system:cli|", StringComparison.Ordinal));

        var again = await verbs.RunAsync("account", "unlock", admin.UserName);
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Output.ShouldContain("is not locked");
    }

    [Fact]
    public async Task Unlock_ExitsNonZero_ForAnUnknownAccount_AndWithoutOne()
    {
        await _app.StopAsync();
        using var verbs = StoppedInstance.VerbsOn(_app);

        var unknown = await verbs.RunAsync("account", "unlock", "nobody-here");
        unknown.ExitCode.ShouldBe(1, unknown.ToString());
        unknown.Error.ShouldContain("no staff account 'nobody-here'");

        var missing = await verbs.RunAsync("account", "unlock");
        missing.ExitCode.ShouldBe(2, missing.ToString());
        missing.Error.ShouldContain("unknown command 'account unlock'");
    }
}

public sealed class AccountUnlockVerbTests_Sqlite : AccountUnlockVerbTests<SqliteApp>;

public sealed class AccountUnlockVerbTests_Postgres : AccountUnlockVerbTests<PostgresApp>;
