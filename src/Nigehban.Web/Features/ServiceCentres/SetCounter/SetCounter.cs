using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres.SetCounter;

public sealed record SetCounterCommand(string? Label, bool? IsOpen);

/// <summary>Sets up, renames, opens or closes a counter (the centre's in-charge).</summary>
public sealed class SetCounterHandler(NigehbanDbContext db, QueueDesk desk, QueueChanges changes)
{
    public async Task<CounterView> HandleAsync(string unitCode, int number, SetCounterCommand command, CancellationToken cancellationToken)
    {
        var centre = desk.Centre(unitCode);
        if (number is < 1 or > 99)
        {
            throw new ValidationFailedException("number", ServiceCentreErrors.Text("Counter.Number"));
        }

        var counter = await db.Set<ServiceCounter>().FirstOrDefaultAsync(c => c.UnitCode == centre.Code && c.Number == number, cancellationToken);
        if (counter is null)
        {
            counter = new ServiceCounter { Id = Guid.CreateVersion7(), UnitCode = centre.Code, UnitPath = centre.Path, Number = number, Label = $"Counter {number}" };
            db.Add(counter);
        }

        if (command.Label is { } label)
        {
            counter.Label = string.IsNullOrWhiteSpace(label) || label.Length > 60
                ? throw new ValidationFailedException("label", ServiceCentreErrors.Text("Counter.Label"))
                : label.Trim();
        }

        counter.IsOpen = command.IsOpen ?? counter.IsOpen;
        await db.SaveChangesAsync(cancellationToken);
        changes.Changed(centre.Code);
        return new CounterView(counter.Number, counter.Label, counter.IsOpen, null);
    }
}
