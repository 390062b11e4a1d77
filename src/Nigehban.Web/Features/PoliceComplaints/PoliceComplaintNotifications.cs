using System.Globalization;
using System.Resources;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Outbox;

namespace Nigehban.Web.Features.PoliceComplaints;

/// <summary>The texts of the complainant's SMS (<c>PoliceComplaintMessages.resx</c>, one file per language).</summary>
public sealed class PoliceComplaintMessages;

/// <summary>
/// The complainant's SMS at receipt, reply and closure, and the centre's alert when a clock runs out,
/// written to the outbox in the caller's transaction. The alert names the complaint, never the
/// complainant: it goes to the centre, whose staff see the complaint anyway.
/// </summary>
public sealed class PoliceComplaintNotifications(NigehbanDbContext db, TimeProvider clock, ForcePack force, PoliceComplaintPolicy policy)
{
    private static readonly ResourceManager Messages = new(typeof(PoliceComplaintMessages));

    public void Received(PoliceComplaint complaint)
    {
        var language = LanguageOf(complaint);
        var callBy = TimeZoneInfo.ConvertTime(complaint.FirstCallDueAt, force.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        ToComplainant(complaint, Text(language, "Sms.Received", complaint.Reference, policy.CentreNameIn(language), callBy));
    }

    public void Replied(PoliceComplaint complaint) =>
        ToComplainant(complaint, Text(LanguageOf(complaint), "Sms.Replied", complaint.Reference));

    public void ClosedBySenior(PoliceComplaint complaint) =>
        ToComplainant(complaint, Text(LanguageOf(complaint), "Sms.Closed", complaint.Reference, complaint.ClosureReason));

    public void Overdue(PoliceComplaint complaint) =>
        Outbox.Enqueue(db, OutboxKinds.Alert, $"unit:{complaint.UnitCode}:complaint-centre",
            new
            {
                type = "police-complaint-overdue",
                reference = complaint.Reference,
                complaintType = complaint.TypeCode,
                firstCallDueAt = complaint.FirstCallDueAt,
                replyDueAt = complaint.ReplyDueAt,
                called = complaint.CalledAt is not null,
                replied = complaint.RepliedAt is not null,
            },
            clock.GetUtcNow());

    private string LanguageOf(PoliceComplaint complaint) => force.FindLanguage(complaint.ComplainantLanguage)?.Code ?? force.DefaultLanguage;

    private string Text(string language, string key, params object?[] values) =>
        string.Format(CultureInfo.InvariantCulture,
            Messages.GetString(key, CultureInfo.GetCultureInfo(language)) ?? throw new InvalidOperationException($"message '{key}' is missing"),
            [force.SignatureIn(language), .. values]);

    private void ToComplainant(PoliceComplaint complaint, string text) =>
        Outbox.Enqueue(db, OutboxKinds.Sms, complaint.ComplainantPhone, new { text, reference = complaint.Reference }, clock.GetUtcNow());
}
