using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres.CallNextToken;

public sealed class CallNextTokenHandler(NigehbanDbContext db, QueueDesk desk, QueueChanges changes)
{
    /// <summary>Every conflict means another counter took a token, so a centre's counters bound the retries in practice.</summary>
    private const int MaxAttempts = 20;

    /// <summary>Calls the longest-waiting token to a counter; counters calling at once each get a different token.</summary>
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
        for (var attempt = 1; ; attempt++)
        {
            var next = await db.Set<QueueToken>()
                .Where(t => t.UnitCode == centre.Code && t.Day == day && t.Status == TokenStatus.Waiting)
                .OrderBy(t => t.Number)
                .FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                return null;
            }

            // The status is a concurrency token: the update applies only while the token still waits.
            next.Status = TokenStatus.Called;
            next.CalledAt = desk.Now;
            next.CounterNumber = counterNumber;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Another counter called this token at the same moment: this one calls the next.
                db.Entry(next).State = EntityState.Detached;
                continue;
            }

            changes.Changed(centre.Code);
            return QueueDesk.View(next);
        }
    }
}
