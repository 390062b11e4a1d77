using System.Globalization;
using System.Resources;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// The complainant's SMS when an FIR is registered (number, station, offences, investigating officer),
/// in their language, written to the outbox in the FIR's transaction. The supervisors' live alert is
/// the dashboard's: the FIR metric is an alert metric (<see cref="FirMetrics"/>).
/// </summary>
public sealed class FirNotifications(TimeProvider clock, ForcePack force, UnitDirectory units)
{
    private static readonly ResourceManager Messages = new(typeof(FirMessages));

    public void Registered(NigehbanDbContext db, Fir fir, IReadOnlyList<Offence> offences)
    {
        var culture = CultureInfo.GetCultureInfo(fir.Language);
        var station = units.Find(fir.UnitCode)?.NameIn(culture) ?? fir.UnitCode;
        var template = Messages.GetString("Sms.Registered", culture) ?? throw new InvalidOperationException("message 'Sms.Registered' is missing");
        var text = string.Format(CultureInfo.InvariantCulture, template,
            force.SignatureIn(fir.Language), fir.FirNumber, station, string.Join(", ", offences.Select(o => o.Code)), fir.InvestigatingOfficerName, fir.Reference);
        Outbox.Enqueue(db, OutboxKinds.Sms, fir.Complainant.Phone!, new { text, reference = fir.Reference }, clock.GetUtcNow());
    }
}
