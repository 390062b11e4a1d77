using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Identity;

/// <summary>
/// Single-statement writes to <see cref="StaffSession"/> for the authentication paths (every request,
/// every circuit revalidation). Sessions are not audited row by row: sign-in and sign-out are.
/// </summary>
public static class StaffSessions
{
    /// <summary>Ends the session unless something else ended it first (the first reason is kept).</summary>
    public static Task EndAsync(NigehbanDbContext db, Guid sessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Set<StaffSession>()
            .Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken);

    /// <summary>Moves LastSeenAt forward, never back, and never revives an ended session.</summary>
    public static Task TouchAsync(NigehbanDbContext db, Guid sessionId, DateTimeOffset seenAt, CancellationToken cancellationToken) =>
        db.Set<StaffSession>()
            .Where(s => s.Id == sessionId && s.EndedAt == null && s.LastSeenAt < seenAt)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, seenAt), cancellationToken);
}
