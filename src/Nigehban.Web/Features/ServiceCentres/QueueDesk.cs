using Nigehban.Web.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record TokenView(Guid Id, string Token, TokenStatus Status, string? ServiceCode, DateTimeOffset IssuedAt, DateTimeOffset? CalledAt, int? Counter, DateTimeOffset? ServedAt, string? Reference);

public sealed record CounterView(int Number, string Label, bool IsOpen, string? Serving);

/// <summary>What the waiting-hall screen shows: token numbers and counters only, never names.</summary>
public sealed record QueueScreen(string Unit, string UnitName, IReadOnlyList<string> Waiting, IReadOnlyList<CounterView> Counters, double? AverageWaitMinutesToday);

/// <summary>
/// What the queue's use cases share: the centre, checked against the officer's jurisdiction; the
/// centre's local day, on which token numbering restarts; and the token as the API shows it.
/// </summary>
public sealed class QueueDesk(UnitDirectory units, ForcePack force, JurisdictionScope scope, TimeProvider clock)
{
    public UnitInfo Centre(string unitCode)
    {
        var unit = units.Find(unitCode);
        // Outside the officer's jurisdiction the centre does not exist for them.
        if (unit is null || !scope.Covers(unit))
        {
            throw new NotFoundException("unit", ServiceCentreErrors.Text("Centre.NotInJurisdiction", unitCode));
        }

        return unit;
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => LocalDay(clock.GetUtcNow());

    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, force.TimeZone).DateTime);

    public static TokenView View(QueueToken t) =>
        new(t.Id, t.Display, t.Status, t.ServiceCode, t.IssuedAt, t.CalledAt, t.CounterNumber, t.ServedAt, t.ServiceRequestReference);
}
