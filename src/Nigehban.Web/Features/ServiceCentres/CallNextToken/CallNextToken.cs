using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres.CallNextToken;

public sealed class CallNextTokenHandler(NigehbanDbContext db, QueueDesk desk, QueueChanges changes)
{
    /// <summary>Calls the longest-waiting token to a counter.</summary>
    public async Task<TokenView?> HandleAsync(string unitCode, int counterNumber, CancellationToken cancellationToken)
    {
        var centre = desk.Centre(unitCode);
        var counter = await db.Set<ServiceCounter>().FirstOrDefaultAsync(c => c.UnitCode == centre.Code && c.Number == counterNumber, cancellationToken)
            ?? throw new NotFoundException("counter", ServiceCentreErrors.Text("Counter.NotSetUp", counterNumber, centre.Name));
        if (!counter.IsOpen)
        {
            throw new RuleViolationException(ServiceCentreErrors.Text("Counter.Closed", counterNumber));
        }

        var day = desk.Today;
        var next = await db.Set<QueueToken>()
            .Where(t => t.UnitCode == centre.Code && t.Day == day && t.Status == TokenStatus.Waiting)
            .OrderBy(t => t.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return null;
        }

        next.Status = TokenStatus.Called;
        next.CalledAt = desk.Now;
        next.CounterNumber = counterNumber;
        await db.SaveChangesAsync(cancellationToken);
        changes.Changed(centre.Code);
        return QueueDesk.View(next);
    }
}
