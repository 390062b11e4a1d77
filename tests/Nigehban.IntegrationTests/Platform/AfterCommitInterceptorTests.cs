using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>
/// Work waiting for a commit (a module's <see cref="AfterCommitInterceptor{TPending}"/>) runs only for
/// what committed. A unit of work whose transaction is disposed without commit or rollback (the save
/// and the group commit after a failure) fires no event; its work must not ride on the pooled
/// context into the next commit, where a dashboard alert would announce a refused request.
/// </summary>
public abstract class AfterCommitInterceptorTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RecordingInterceptor _interceptor = new();
    private string _connectionString = "";
    private string? _folder;

    public async ValueTask InitializeAsync()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            _connectionString = await TestPostgres.CreateDatabaseAsync();
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("nigehban-after-commit-").FullName;
            _connectionString = $"Data Source={Path.Combine(_folder, "probe.db")};Pooling=false";
        }

        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (provider == DatabaseProvider.Postgres)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
        }
        else if (_folder is not null)
        {
            TestDirectory.DeleteQuietly(_folder);
        }
    }

    [Fact]
    public async Task WorkOfATransactionDisposedWithoutCommit_IsNotReleased_ByTheContextsNextSave()
    {
        await using var db = NewContext();
        await FailedUnitOfWorkAsync(db, "never-committed");

        db.Add(new ProbeRow { Name = "committed" });
        await db.SaveChangesAsync(Ct);

        _interceptor.Released.ShouldBe(["committed"]);
    }

    [Fact]
    public async Task WorkOfATransactionDisposedWithoutCommit_IsNotReleased_ByTheContextsNextTransaction()
    {
        await using var db = NewContext();
        await FailedUnitOfWorkAsync(db, "never-committed");

        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Add(new ProbeRow { Name = "committed" });
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        }

        _interceptor.Released.ShouldBe(["committed"]);
    }

    [Fact]
    public async Task EverySaveOfOneTransaction_IsReleased_AtItsCommit()
    {
        await using var db = NewContext();
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Add(new ProbeRow { Name = "first" });
            await db.SaveChangesAsync(Ct);
            db.Add(new ProbeRow { Name = "second" });
            await db.SaveChangesAsync(Ct);
            _interceptor.Released.ShouldBeEmpty();
            await transaction.CommitAsync(Ct);
        }

        _interceptor.Released.ShouldBe(["first", "second"]);
    }

    /// <summary>Saves inside a transaction that is then disposed, as a failed unit of work leaves it.</summary>
    private static async Task FailedUnitOfWorkAsync(ProbeContext db, string name)
    {
        await using (await db.Database.BeginTransactionAsync(Ct))
        {
            db.Add(new ProbeRow { Name = name });
            await db.SaveChangesAsync(Ct);
        }

        db.ChangeTracker.Clear();
    }

    private ProbeContext NewContext()
    {
        var options = new DbContextOptionsBuilder<ProbeContext>().AddInterceptors(_interceptor);
        if (provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(_connectionString);
        }
        else
        {
            options.UseSqlite(_connectionString);
        }

        return new ProbeContext(options.Options);
    }

    /// <summary>Collects the names of the rows each save adds; records them when released.</summary>
    private sealed class RecordingInterceptor : AfterCommitInterceptor<List<string>>
    {
        public List<string> Released { get; } = [];

        protected override void Collect(DbContext context) =>
            PendingFor(context).AddRange(context.ChangeTracker.Entries<ProbeRow>()
                .Where(e => e.State == EntityState.Added).Select(e => e.Entity.Name));

        protected override void Release(DbContext context, List<string> pending) => Released.AddRange(pending);
    }

    public sealed class ProbeRow
    {
        public int Id { get; set; }

        public string Name { get; set; } = "";
    }

    private sealed class ProbeContext(DbContextOptions<ProbeContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<ProbeRow>().ToTable("probe_rows");
    }
}

public sealed class AfterCommitInterceptorTests_Sqlite() : AfterCommitInterceptorTests(DatabaseProvider.Sqlite);

public sealed class AfterCommitInterceptorTests_Postgres() : AfterCommitInterceptorTests(DatabaseProvider.Postgres);
