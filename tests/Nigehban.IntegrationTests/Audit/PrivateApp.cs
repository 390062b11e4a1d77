using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Audit;

/// <summary>
/// A fresh app on its own database and data folder, for tests that break the audit trail on
/// purpose or need their own configuration. Dispose it when done.
/// </summary>
public class PrivateApp(
    DatabaseProvider provider,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : NigehbanApp
{
    public override DatabaseProvider Provider => provider;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => settings ?? new Dictionary<string, string?>();

    public static async Task<PrivateApp> StartAsync(
        DatabaseProvider provider,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var app = new PrivateApp(provider, settings, services);
        await app.InitializeAsync();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>Raw SQL through the app's own connection, as the app's database role.</summary>
    public Task<int> ExecuteSqlAsync(string sql) => WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    /// <summary>Seals what is committed (as the running sealer would a moment later), then verifies.</summary>
    public async Task<AuditVerification> VerifyAsync()
    {
        await SealPendingAsync();
        return await VerifyAsIsAsync();
    }

    /// <summary>Verifies without sealing first.</summary>
    public async Task<AuditVerification> VerifyAsIsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }

    public async Task<AuditCheckpoint?> WriteCheckpointAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync(CancellationToken.None);
    }

    /// <summary>The chain's head once everything committed is sealed.</summary>
    public async Task<long> HeadAsync()
    {
        await SealPendingAsync();
        return await WithDbAsync(db => db.Set<AuditSeal>().MaxAsync(s => (long?)s.Sequence)) ?? 0;
    }

    /// <summary>The seal of an event, once everything committed is sealed.</summary>
    public async Task<AuditSeal> SealOfAsync(long eventId)
    {
        await SealPendingAsync();
        return await WithDbAsync(db => db.Set<AuditSeal>().AsNoTracking().SingleAsync(s => s.EventId == eventId));
    }

    /// <summary>Removes the append-only guard, as a database administrator could.</summary>
    public Task DropAppendOnlyGuardAsync() => ExecuteSqlAsync(Provider == DatabaseProvider.Postgres
        ? "ALTER TABLE audit_events DISABLE TRIGGER USER; ALTER TABLE audit_seals DISABLE TRIGGER USER; ALTER TABLE audit_checkpoints DISABLE TRIGGER USER;"
        : """
          DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;
          DROP TRIGGER audit_seals_no_update; DROP TRIGGER audit_seals_no_delete;
          DROP TRIGGER audit_checkpoints_no_update; DROP TRIGGER audit_checkpoints_no_delete;
          """);

    /// <summary>Some use of the system: sign-ins (one failed), a staff account created, a lock-out cleared.</summary>
    public async Task UseTheSystemAsync()
    {
        var frontDesk = await SignInAsync("frontdesk");
        var sho = await SignInAsync("sho");
        var admin = await SignInAsync("admin");
        using var failed = CreateClient();
        (await failed.PostAsync("/api/v1/auth/token", JsonContent.Create(new { userName = "io", password = "not the password", otp = "000000" }))).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
        var created = await admin.PostAsync("/api/v1/staff", JsonContent.Create(new
        {
            userName = "audit-" + Guid.NewGuid().ToString("N")[..8],
            displayName = "Generated Officer",
            unitCode = Demo("frontdesk").Unit,
            roles = new[] { "FrontDesk" },
            password = "generated-password-" + Guid.NewGuid().ToString("N")[..8],
        }));
        created.EnsureSuccessStatusCode();
        frontDesk.Dispose();
        sho.Dispose();
        admin.Dispose();
    }
}
