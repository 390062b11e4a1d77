using System.Globalization;
using System.Resources;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>
/// The complainant's SMS at every step, and the in-charges' alerts on an overdue stage, written to
/// the outbox in the caller's transaction and delivered afterwards.
/// </summary>
public sealed class ComplaintNotifications(TimeProvider clock, ForcePack force, UnitDirectory units)
{
    private static readonly ResourceManager Messages = new(typeof(ComplaintMessages));

    public void Received(NigehbanDbContext db, StationComplaint complaint) =>
        ToComplainant(db, complaint, "Sms.Received", complaint.Reference);

    public void Assigned(NigehbanDbContext db, StationComplaint complaint) =>
        ToComplainant(db, complaint, "Sms.Assigned", complaint.Reference, complaint.OfficerName, complaint.OfficerPhone);

    public void InquiryStarted(NigehbanDbContext db, StationComplaint complaint) =>
        ToComplainant(db, complaint, "Sms.InquiryStarted", complaint.Reference);

    public void Disposed(NigehbanDbContext db, StationComplaint complaint) =>
        ToComplainant(db, complaint, "Sms.Disposed", complaint.Reference, Message(complaint.Language, $"Outcome.{complaint.Outcome}"), complaint.RatingToken);

    public void RatedByReply(NigehbanDbContext db, StationComplaint complaint) =>
        ToComplainant(db, complaint, "Sms.Rated", complaint.Reference, complaint.Rating);

    public void Transferred(NigehbanDbContext db, StationComplaint complaint)
    {
        var unit = units.Find(complaint.UnitCode);
        var name = unit?.NameIn(CultureInfo.GetCultureInfo(complaint.Language)) ?? complaint.UnitCode;
        ToComplainant(db, complaint, "Sms.Transferred", complaint.Reference, name);
    }

    /// <summary>
    /// An overdue stage: the first alert goes to the in-charge of the owning unit (a station's SHO),
    /// the second to the in-charge of its parent (the SDPO of the circle, or whoever the pack's tree puts there).
    /// </summary>
    public void Escalated(NigehbanDbContext db, StationComplaint complaint)
    {
        Outbox.Enqueue(db, OutboxKinds.Alert, OverdueSweeps.InChargeRecipient(units, complaint.UnitCode, complaint.EscalationLevel),
            new
            {
                type = complaint.EscalationLevel == 1 ? "complaint-stage-overdue" : "complaint-stage-overdue-supervisor",
                reference = complaint.Reference,
                stage = complaint.Status.ToString(),
                unit = complaint.UnitCode,
                dueAt = complaint.StageDueAt,
            },
            clock.GetUtcNow());
    }

    private void ToComplainant(NigehbanDbContext db, StationComplaint complaint, string key, params object?[] values)
    {
        var text = string.Format(CultureInfo.InvariantCulture, Message(complaint.Language, key), [force.SignatureIn(complaint.Language), .. values]);
        Outbox.Enqueue(db, OutboxKinds.Sms, complaint.Complainant.Phone, new { text, reference = complaint.Reference }, clock.GetUtcNow());
    }

    private static string Message(string language, string key) =>
        Messages.GetString(key, CultureInfo.GetCultureInfo(language)) ?? throw new InvalidOperationException($"message '{key}' is missing");
}
