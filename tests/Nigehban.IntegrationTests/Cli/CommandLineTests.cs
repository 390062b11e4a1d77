using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using OtpNet;
using Shouldly;

namespace Nigehban.IntegrationTests.Cli;

/// <summary>
/// The verbs of the one executable (README): migrate, seed --demo, audit verify, force validate,
/// run as an operator would, in a working directory of their own.
/// </summary>
public abstract class CommandLineTests : IDisposable
{
    protected AppProcess App { get; } = new();

    public void Dispose()
    {
        App.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task Migrate_Exits0_IsRepeatable_AndSeedsNoDemoAccounts()
    {
        // The app finds its migrations beside itself (ADR-003): the build must have put them there.
        File.Exists(Path.Combine(AppContext.BaseDirectory, $"Nigehban.Migrations.{Provider}.dll")).ShouldBeTrue();

        var run = await App.RunAsync("migrate");
        var again = await App.RunAsync("migrate");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("migrated");
        again.ExitCode.ShouldBe(0, again.ToString());
        File.Exists(App.DataPath("demo-accounts.json")).ShouldBeFalse();
        // The embedded database lives under the working directory; PostgreSQL leaves no file behind.
        File.Exists(App.DataPath("nigehban.db")).ShouldBe(Provider == DatabaseProvider.Sqlite);
    }

    [Fact]
    public async Task Start_IsRefused_WithOneLineNamingBothForces_WhenDatabaseBelongsToAnotherForce()
    {
        App.Environment["Force"] = "punjab";
        var first = await App.RunAsync("migrate");
        first.ExitCode.ShouldBe(0, first.ToString());

        App.Environment["Force"] = "rwanda";
        App.Environment["Demo__Seed"] = "false";
        var migrate = await App.RunAsync("migrate");
        var serve = await App.RunAsync("--urls", "http://127.0.0.1:0");

        foreach (var run in new[] { migrate, serve })
        {
            run.ExitCode.ShouldBe(5, run.ToString()); // its own code: 4 is audit verify's "cannot vouch"
            var line = run.Error.Split('\n').Single(l => l.StartsWith("cannot start:", StringComparison.Ordinal));
            line.ShouldContain("'punjab' (Punjab Police)");
            line.ShouldContain("'rwanda' (Rwanda National Police)");
            line.ShouldContain("Storage__DataDirectory");
            line.ShouldContain("Database__ConnectionString");
        }

        // The refused start added nothing of Rwanda: the same folder still starts as Punjab.
        App.Environment["Force"] = "punjab";
        var again = await App.RunAsync("migrate");
        again.ExitCode.ShouldBe(0, again.ToString());
    }

    [Fact]
    public async Task DatabaseFromBeforeTheForceRecord_IsAdoptedByItsOwnForce_AndRefusedByAnother()
    {
        App.Environment["Force"] = "punjab";
        (await App.RunAsync("migrate")).ExitCode.ShouldBe(0);
        await ExecuteSqlAsync("DELETE FROM instance_force"); // as a database made before the record existed

        App.Environment["Force"] = "rwanda";
        var other = await App.RunAsync("migrate");
        App.Environment["Force"] = "punjab";
        var own = await App.RunAsync("migrate");
        App.Environment["Force"] = "rwanda";
        var otherAgain = await App.RunAsync("migrate");

        other.ExitCode.ShouldBe(5, other.ToString());
        other.Error.ShouldContain("this database belongs to another force (its top unit is PB)");
        own.ExitCode.ShouldBe(0, own.ToString());
        otherAgain.ExitCode.ShouldBe(5, otherAgain.ToString());
        otherAgain.Error.ShouldContain("'punjab' (Punjab Police)"); // adopted: recorded now
    }

    /// <summary>Runs one statement on the app's database, behind the app's back.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    [Fact]
    public async Task SeedDemo_WritesDemoAccounts_OneOfEveryRole_AndAuditVerifySaysIntact()
    {
        var run = await App.RunAsync("seed", "--demo");
        var verify = await App.RunAsync("audit", "verify");

        run.ExitCode.ShouldBe(0, run.ToString());
        var accounts = JsonSerializer.Deserialize<JsonElement[]>(await File.ReadAllTextAsync(App.DataPath("demo-accounts.json"), TestContext.Current.CancellationToken))!;
        accounts.ShouldNotBeEmpty();
        foreach (var account in accounts)
        {
            account.EnumerateObject().Select(p => p.Name).ShouldBe(["userName", "password", "totpSecret", "role", "unit"]);
            Base32Encoding.ToBytes(account.GetProperty("totpSecret").GetString()).Length.ShouldBeGreaterThanOrEqualTo(10);
            account.GetProperty("password").GetString()!.Length.ShouldBeGreaterThanOrEqualTo(12);
            run.Output.ShouldContain(account.GetProperty("userName").GetString()!);
        }

        // Every role, spelt as documented for scripts (the ten of the first issue, the SDPO, the complaint
        // centre's officer and a protection partner body's worker).
        accounts.Select(a => a.GetProperty("role").GetString()).Distinct().ShouldBe(
            ["FrontDesk", "InvestigatingOfficer", "Sho", "ProtectionOfficer", "SafeCityOperator", "SubdivisionOfficer", "Dpo", "Rpo", "Ig", "Auditor",
                "Administrator", "ComplaintCentreOfficer", "ProtectionPartner"],
            ignoreOrder: true);
        accounts.Select(a => a.GetProperty("userName").GetString()).ShouldBeUnique();
        verify.ExitCode.ShouldBe(0, verify.ToString());
        verify.Output.ShouldStartWith("intact");
    }

    [Fact]
    public async Task AuditVerify_CannotVouch_WithoutACheckpointFile_AndVouches_WithAShippedCopy()
    {
        (await App.RunAsync("seed", "--demo")).ExitCode.ShouldBe(0);
        var local = App.DataPath("audit-checkpoints.jsonl");
        var shipped = Path.Combine(App.WorkingDirectory, "shipped-checkpoints.jsonl");
        File.Move(local, shipped);

        var alone = await App.RunAsync("audit", "verify");
        var withCopy = await App.RunAsync("audit", "verify", "--checkpoints", shipped);
        var withMissingCopy = await App.RunAsync("audit", "verify", "--checkpoints", shipped, Path.Combine(App.WorkingDirectory, "no-such-file.jsonl"));
        var noFiles = await App.RunAsync("audit", "verify", "--checkpoints");

        alone.ExitCode.ShouldBe(4, alone.ToString());
        alone.Output.ShouldStartWith("cannot vouch");
        withCopy.ExitCode.ShouldBe(0, withCopy.ToString());
        withCopy.Output.ShouldStartWith("intact");
        withMissingCopy.ExitCode.ShouldBe(1, withMissingCopy.ToString());
        withMissingCopy.Output.ShouldContain("not found");
        noFiles.ExitCode.ShouldBe(2, noFiles.ToString());
    }
}

public sealed class CommandLineTests_Sqlite : CommandLineTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={App.DataPath("nigehban.db")};Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task TwoWorkingDirectories_AreTwoIndependentInstances()
    {
        using var other = new AppProcess();

        (await App.RunAsync("seed", "--demo")).ExitCode.ShouldBe(0);
        (await other.RunAsync("seed", "--demo")).ExitCode.ShouldBe(0);

        var first = await File.ReadAllTextAsync(App.DataPath("demo-accounts.json"), TestContext.Current.CancellationToken);
        var second = await File.ReadAllTextAsync(other.DataPath("demo-accounts.json"), TestContext.Current.CancellationToken);
        first.ShouldNotBe(second); // each instance has its own random passwords and secrets
        File.Exists(App.DataPath("nigehban.db")).ShouldBeTrue();
        File.Exists(other.DataPath("nigehban.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task Serve_ListensOnDocumentedDefaultAddress_WhenRunOutsideProjectFolder()
    {
        App.Environment["Demo__Seed"] = "false";
        App.Environment["Logging__LogLevel__Default"] = "Information";

        // Either it listens there or the port is taken by someone else: both name the address.
        var printed = await App.RunServerUntilAsync(line => line.Contains("127.0.0.1:5080", StringComparison.Ordinal), "serve");

        printed.ShouldContain("127.0.0.1:5080");
        printed.ShouldNotContain("localhost:5000");
    }

    [Fact]
    public async Task Serve_WithDemoSeedFalse_CreatesDatabaseButNoDemoAccounts()
    {
        App.Environment["Demo__Seed"] = "false";
        App.Environment["Logging__LogLevel__Default"] = "Information";

        var printed = await App.RunServerUntilAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), "--urls", "http://127.0.0.1:0");

        printed.ShouldContain("Now listening on");
        File.Exists(App.DataPath("nigehban.db")).ShouldBeTrue();
        File.Exists(App.DataPath("demo-accounts.json")).ShouldBeFalse();
        printed.ShouldNotContain("Demo logins");
    }

    [Fact]
    public async Task UnknownVerb_ExitsNonZero_WithoutTouchingData()
    {
        var run = await App.RunAsync("frobnicate");

        run.ExitCode.ShouldNotBe(0);
        run.Error.ShouldContain("unknown command 'frobnicate'");
        Directory.Exists(Path.Combine(App.WorkingDirectory, "data")).ShouldBeFalse();
    }

    [Fact]
    public async Task Seed_WithoutDemoFlag_ExitsNonZero()
    {
        var run = await App.RunAsync("seed");

        run.ExitCode.ShouldNotBe(0);
        run.Error.ShouldContain("unknown command 'seed'");
    }

    [Fact]
    public async Task Help_Exits0_AndListsVerbs()
    {
        var run = await App.RunAsync("help");

        run.ExitCode.ShouldBe(0);
        foreach (var verb in new[] { "serve", "migrate", "seed --demo", "audit verify", "force validate <folder>" })
        {
            run.Output.ShouldContain(verb);
        }
    }

    [Fact]
    public async Task ForceValidate_Exits0_OnShippedPacks()
    {
        foreach (var pack in new[] { "punjab", "rwanda" })
        {
            var run = await App.RunAsync("force", "validate", Path.Combine(AppContext.BaseDirectory, "forces", pack));

            run.ExitCode.ShouldBe(0, run.ToString());
            run.Output.ShouldStartWith("valid");
        }
    }

    [Fact]
    public async Task ForceValidate_ExitsNonZero_WithFileAndLine_OnBrokenPack()
    {
        var broken = BrokenPack(out var line);

        var run = await App.RunAsync("force", "validate", broken);

        run.ExitCode.ShouldNotBe(0);
        run.Error.ShouldContain($"units.csv:{line}: ");
        run.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task ForceValidate_NamesFileAndLine_OfAMistakeInAModulesFile()
    {
        var broken = BrokenPack(out _);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "forces", "punjab", "units.csv"), Path.Combine(broken, "units.csv"), overwrite: true);
        var services = File.ReadAllLines(Path.Combine(broken, "services.json"));
        var index = Array.FindIndex(services, l => l.Contains("\"field\": \"phone\"", StringComparison.Ordinal));
        services[index] = services[index].Replace("\"phone\"", "\"shoeSize\"", StringComparison.Ordinal);
        File.WriteAllLines(Path.Combine(broken, "services.json"), services);

        var run = await App.RunAsync("force", "validate", broken);

        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Error.ShouldContain($"services.json:{index + 1}: applicantFields: 'shoeSize' must be one of");
    }

    [Fact]
    public async Task Start_IsRefused_WithFileAndLine_WhenConfiguredPackIsBroken()
    {
        App.Environment["Force"] = BrokenPack(out var line);

        var migrate = await App.RunAsync("migrate");
        var serve = await App.RunAsync("--urls", "http://127.0.0.1:0");

        foreach (var run in new[] { migrate, serve })
        {
            run.ExitCode.ShouldBe(3, run.ToString());
            run.Error.ShouldContain($"cannot start: invalid force pack: ");
            run.Error.ShouldContain($"units.csv:{line}: ");
        }
    }

    [Fact]
    public async Task Migrate_ExitsNonZero_WithOneLineReason_WhenDatabaseUnreachable()
    {
        App.Environment["Database__Provider"] = "Postgres";
        App.Environment["Database__ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=nowhere;Timeout=3";

        var run = await App.RunAsync("migrate");

        run.ExitCode.ShouldNotBe(0);
        run.Error.ShouldContain("migrate failed:");
        run.Error.ShouldNotContain("   at ");
    }

    /// <summary>A copy of the Punjab pack with an unknown parent; returns the folder and the broken line.</summary>
    private string BrokenPack(out int line)
    {
        var folder = Path.Combine(App.WorkingDirectory, "broken-pack");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "forces", "punjab")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var units = File.ReadAllLines(Path.Combine(folder, "units.csv"));
        var index = Array.FindIndex(units, l => l.StartsWith("SKT,", StringComparison.Ordinal));
        units[index] = units[index].Replace("RGN-GRW", "RGN-NOWHERE", StringComparison.Ordinal);
        File.WriteAllLines(Path.Combine(folder, "units.csv"), units);
        line = index + 1;
        return folder;
    }
}

public sealed class CommandLineTests_Postgres : CommandLineTests, IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        App.Environment["Database__Provider"] = nameof(DatabaseProvider.Postgres);
        App.Environment["Database__ConnectionString"] = _connectionString;
    }

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(_connectionString);
}
