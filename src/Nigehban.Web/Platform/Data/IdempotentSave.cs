using Microsoft.EntityFrameworkCore;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// Saving a write that carries an Idempotency-Key (ADR-013): insert first, and look for an earlier
/// request only when the key's own unique index refuses this one. The common case, a new key, pays
/// no lookup; two requests racing with one key both end with the winner's answer.
/// </summary>
public static class IdempotentSave
{
    /// <summary>
    /// Saves what is staged. Null when it went in; when the unique index on
    /// <typeparamref name="TEntity"/>'s <paramref name="keyProperties"/> refused it, the change
    /// tracker is cleared and the first request's answer from <paramref name="findFirst"/> is
    /// returned. Any other failure, another unique index included, propagates.
    /// </summary>
    /// <param name="findFirst">Reads the first request under the key and answers it (or refuses a different request); runs on the cleared context.</param>
    public static async Task<TAnswer?> SaveOrFindFirstAsync<TEntity, TAnswer>(this DbContext db, string? idempotencyKey,
        Func<Task<TAnswer?>> findFirst, CancellationToken cancellationToken, params string[] keyProperties)
        where TEntity : class
        where TAnswer : class
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (IsKeyRefusal<TEntity>(db, e, idempotencyKey, keyProperties))
        {
            db.ChangeTracker.Clear();
            return await findFirst() ?? throw new InvalidOperationException("The idempotency key's index refused the insert, yet no earlier request holds the key.");
        }
    }

    /// <summary>Whether <paramref name="failure"/> is the key's own index refusing a second request under a key that was sent.</summary>
    public static bool IsKeyRefusal<TEntity>(DbContext db, DbUpdateException failure, string? idempotencyKey, params string[] keyProperties)
        where TEntity : class =>
        idempotencyKey is not null && UniqueViolations.IsOn(failure, UniqueViolations.IndexOf<TEntity>(db, keyProperties));
}
