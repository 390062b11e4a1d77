using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// The one DbContext. Entities and their configurations live in their feature folders and are
/// applied from the assembly. Two cross-cutting rules are enforced here and nowhere else:
/// the jurisdiction filter (every <see cref="IUnitOwned"/> entity, and those a configuration scopes
/// with <see cref="JurisdictionFilter.ScopedByUnitPath"/>) and the audit trail
/// (every write, its audit event inserted in the same transaction and sealed into the hash chain after it commits).
/// </summary>
/// <remarks>
/// Contexts are pooled (ADR-012): one outlives the request that rents it, so the request's
/// jurisdiction scope and audit trail are bound by <see cref="Bind"/> each time it is rented
/// (<see cref="DatabaseRegistration"/>) and dropped when it goes back. An unbound context fails on
/// its first query or save rather than run unscoped or unaudited.
/// </remarks>
public class NigehbanDbContext(DbContextOptions<NigehbanDbContext> options) : DbContext(options)
{
    private JurisdictionScope scope = null!;
    private AuditTrail audit = null!;

    /// <summary>Gives a (rented) context the scope and audit trail of the unit of work that uses it.</summary>
    public void Bind(JurisdictionScope scope, AuditTrail audit)
    {
        this.scope = scope;
        this.audit = audit;
    }

    public override void Dispose()
    {
        Unbind();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        Unbind();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private void Unbind()
    {
        scope = null!;
        audit = null!;
    }

    /// <summary>Read by the query filter; EF parameterises it per context instance.</summary>
    internal string ScopePath => scope.PathPrefix;

    /// <summary>Read by the filter of records whose rows may name no unit (audit events): those are the force's.</summary>
    internal bool ScopeIsForceWide => scope.IsForceWide;

    public AuditTrail Audit => audit;

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NigehbanDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (JurisdictionFilter.Of(entityType.ClrType) is { } scoped && entityType.BaseType is null)
            {
                modelBuilder.Entity(entityType.ClrType).HasQueryFilter(BuildScopeFilter(entityType.ClrType, scoped));
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type: store UTC ticks as an integer so that ordering and range
        // queries work in SQL. PostgreSQL uses timestamptz natively.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    private LambdaExpression BuildScopeFilter(Type entity, ScopedPath scoped)
    {
        // e => e.UnitPath.StartsWith(this.ScopePath)
        var parameter = Expression.Parameter(entity, "e");
        var path = Expression.Property(parameter, scoped.Property);
        var scopePath = Expression.Property(Expression.Constant(this), nameof(ScopePath));
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression filter = Expression.Call(path, startsWith, scopePath);
        if (scoped.UnplacedRowsAreForceWide)
        {
            // ... || (e.UnitPath == null && this.ScopeIsForceWide)
            var unplaced = Expression.Equal(path, Expression.Constant(null, typeof(string)));
            var forceWide = Expression.Property(Expression.Constant(this), nameof(ScopeIsForceWide));
            filter = Expression.OrElse(filter, Expression.AndAlso(unplaced, forceWide));
        }

        return Expression.Lambda(filter, parameter);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveAsync(acceptAllChangesOnSuccess, newRowsAsArrays: false, cancellationToken);

    /// <summary>
    /// Saves a group commit's rows (ADR-014), all of them new: on PostgreSQL each table's rows go in
    /// with one array insert, sent in the same command as the rollups and audit events (ADR-017),
    /// instead of an INSERT per row. Anything an array insert cannot write exactly as EF would is
    /// saved by EF, as <see cref="SaveChangesAsync(bool, CancellationToken)"/> does.
    /// </summary>
    internal Task<int> SaveNewRowsAsync(CancellationToken cancellationToken) =>
        SaveAsync(acceptAllChangesOnSuccess: true, newRowsAsArrays: true, cancellationToken);

    /// <summary>
    /// The statements the modules' <see cref="ISaveParticipant"/>s add to this save (rollups),
    /// resolved once per (pooled) context from the app's services; none outside the app.
    /// </summary>
    private IReadOnlyList<(string Sql, object[] Parameters)> ParticipantStatements()
    {
        participants ??= ParticipantsFromServices();
        if (participants.Length == 1)
        {
            return participants[0].PendingStatements(this);
        }

        var statements = new List<(string Sql, object[] Parameters)>();
        foreach (var participant in participants)
        {
            statements.AddRange(participant.PendingStatements(this));
        }

        return statements;
    }

    private ISaveParticipant[]? participants;

    /// <summary>
    /// Saves a bulk job's new rows of one type that are not audited row by row (an import batch),
    /// without tracking them (ADR-056): on PostgreSQL the rows go in by binary COPY, then the
    /// modules' statements for them (the rollups, summed over the batch) and the pending audit
    /// events, in one transaction. Elsewhere, or for a type COPY cannot write exactly as EF would,
    /// the rows are tracked and saved as <see cref="SaveNewRowsAsync"/> saves them.
    /// </summary>
    internal async Task<int> SaveInBulkAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class, INotAudited
    {
        var entity = Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        if (ChangeTracker.HasChanges() || Database.CurrentTransaction is not null || ArrayInsert.For(this, entity) is not { } copy)
        {
            AddRange(rows);
            try
            {
                return await SaveNewRowsAsync(cancellationToken);
            }
            finally
            {
                ChangeTracker.Clear();
            }
        }

        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var written = await copy.CopyAsync(rows, (Npgsql.NpgsqlConnection)Database.GetDbConnection(), cancellationToken);
            participants ??= ParticipantsFromServices();
            var statements = participants.SelectMany(p => p.StatementsForNewRows(this, rows)).ToList();
            await UnitOfWorkCommand.SendAsync(this, audit, [], statements, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            audit.Committed();
            return written;
        }
        catch
        {
            audit.DiscardPending();
            throw;
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }

    private ISaveParticipant[] ParticipantsFromServices() =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?
            .GetService<IEnumerable<ISaveParticipant>>()?.ToArray() ?? [];

    private async Task<int> SaveAsync(bool acceptAllChangesOnSuccess, bool newRowsAsArrays, CancellationToken cancellationToken)
    {
        var writes = audit.CaptureWrites(ChangeTracker);
        if (!audit.HasPending && writes.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The audit rows go into the same transaction as the work: if either fails, both do
        // (fail closed). Changes are accepted only after the audit rows are in, so that after a
        // failure the tracked entities still say what was not saved.
        var ownTransaction = Database.CurrentTransaction is null;
        var transaction = ownTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null;
        // EF wraps SaveChanges in a savepoint when a transaction is already open (two more round
        // trips). In a transaction of our own there is nothing to go back to: a failure rolls the
        // whole of it back. A caller's transaction keeps its savepoints.
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = savepoints && !ownTransaction;
        // The capture above detected the changes, and nothing may change the entities between it
        // and the write (an interceptor that stamps a column would have to run before it). Each
        // later look at the tracker (the array inserts, the rollups, EF's own save and its
        // interceptors) would otherwise detect them all over again, a group's 100-odd entries each time.
        var detectChanges = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var rowCount = 0;
            var newRows = newRowsAsArrays ? ArrayInsert.ForNewRows(this, Database.GetDbConnection(), out rowCount) : null;
            var written = newRows is null ? await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken) : rowCount;
            Database.AutoSavepointsEnabled = savepoints;
            audit.RecordWrites(writes);

            // The new rows (if not written by EF), the audit events and the modules' statements (the dashboard's rollups, ADR-009):
            // same transaction, one command (ADR-013). The rows go first, as EF would have sent them;
            // the rollups last, since their rows are shared with concurrent writers and stay locked
            // until the commit (ADR-018).
            await UnitOfWorkCommand.SendAsync(this, audit, newRows ?? [], ParticipantStatements(), cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                audit.Committed();
            }

            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return written;
        }
        catch
        {
            audit.DiscardPending();
            throw;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
            ChangeTracker.AutoDetectChangesEnabled = detectChanges;
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }
}
