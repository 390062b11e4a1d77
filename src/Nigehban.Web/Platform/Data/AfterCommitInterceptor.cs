using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// Work that must wait until a context's changes have committed (publishing alerts, evicting cached
/// answers): doing it earlier would announce or expose what may still roll back. A module collects
/// its pending work per context while the context saves (<see cref="PendingFor"/>, or
/// <see cref="Collect"/> before each save), and <see cref="Release"/> runs once the transaction
/// commits, or right after the save when it ran without one (each statement committed as it ran).
/// A rollback drops the work. Registered in the module's <c>AddXxx()</c> as an EF interceptor
/// (<c>services.AddSingleton&lt;IInterceptor&gt;(...)</c>).
/// </summary>
/// <remarks>
/// A transaction that ends without commit or rollback (disposed after a failure, as the save and
/// the group commit do) fires no event: its work stays on the context, which the pool hands out
/// again. So the work is dropped when the context next starts a transaction, or starts a save
/// outside one: whatever is pending then belongs to a unit of work that never committed, and
/// releasing it would announce what was never written (a dashboard alert for a refused request).
/// </remarks>
public abstract class AfterCommitInterceptor<TPending> : DbTransactionInterceptor, ISaveChangesInterceptor
    where TPending : class, new()
{
    private readonly ConditionalWeakTable<DbContext, TPending> _pending = [];

    /// <summary>The context's pending work, created when first asked for.</summary>
    protected TPending PendingFor(DbContext context) => _pending.GetOrCreateValue(context);

    /// <summary>Called before each save, while the tracker still holds the changes; by default does nothing.</summary>
    protected virtual void Collect(DbContext context)
    {
    }

    /// <summary>Does the work once its changes have committed.</summary>
    protected abstract void Release(DbContext context, TPending pending);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        StartSave(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        StartSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Drop(eventData.Context);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ReleaseIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => ReleasePending(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleasePending(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private void StartSave(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Outside a transaction nothing can legitimately be pending yet: what is there was left by a
        // unit of work that failed.
        if (context.Database.CurrentTransaction is null)
        {
            Drop(context);
        }

        Collect(context);
    }

    /// <summary>
    /// A save outside a transaction of the caller's has committed by the time it returns (EF's own
    /// transaction, whose commit released already, or statements committed one by one).
    /// </summary>
    private void ReleaseIfCommitted(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            ReleasePending(context);
        }
    }

    private void Drop(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private void ReleasePending(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        _pending.Remove(context);
        Release(context, pending);
    }
}
