using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres.ListTodaysTokens;

/// <summary>Today's tokens at a centre in the officer's jurisdiction, in number order.</summary>
public sealed class ListTodaysTokensHandler(NigehbanDbContext db, QueueDesk desk)
{
    public async Task<IReadOnlyList<TokenView>> HandleAsync(string unitCode, CancellationToken cancellationToken)
    {
        var centre = desk.Centre(unitCode);
        var day = desk.Today;
        var tokens = await db.Set<QueueToken>().AsNoTracking().Where(t => t.UnitCode == centre.Code && t.Day == day).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        return [.. tokens.Select(QueueDesk.View)];
    }
}
