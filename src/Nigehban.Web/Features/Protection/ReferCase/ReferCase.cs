using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.Protection.ReferCase;

/// <param name="Note">What the partner needs to know to help (sealed; the partner reads it).</param>
public sealed record ReferCaseCommand(string? Partner, string? Need, string? Note);

public sealed record ReferralSent(Guid Id, string Partner, string Need, DateTimeOffset AcknowledgeDueAt, DateTimeOffset OutcomeDueAt);

/// <summary>
/// Refers a case to a partner body of the pack for one of the needs it meets, with the pack's
/// acknowledgement and outcome clocks. Only the case's readers refer: the note may say who the person is.
/// </summary>
public sealed class ReferCaseHandler(
    NigehbanDbContext db, ProtectionAccess access, ProtectionPack pack, CurrentUser user, TimeProvider clock, DeadlineCalculator deadlines, FieldCipher cipher)
{
    public async Task<ReferralSent> HandleAsync(string reference, ReferCaseCommand command, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken);
        access.EnsureReader(protectionCase);
        var partner = pack.Partner(command?.Partner)
            ?? throw new ValidationFailedException("partner", ProtectionErrors.Text("Partner.Unknown", string.Join(", ", pack.Partners.Select(p => p.Code))));
        var need = pack.Need(command!.Need)
            ?? throw new ValidationFailedException("need", ProtectionErrors.Text("Needs.Unknown", string.Join(", ", partner.Needs)));
        if (!partner.Needs.Contains(need.Code, StringComparer.Ordinal))
        {
            throw new ValidationFailedException("need", ProtectionErrors.Text("Partner.NeedNotMet", string.Join(", ", partner.Needs)));
        }

        if (!protectionCase.IsOpen)
        {
            throw new RuleViolationException(ProtectionErrors.Text("Rule.Closed"));
        }

        var note = TextFields.Optional(command.Note, "note", 2000);
        var now = clock.GetUtcNow();
        var referral = new ProtectionReferral
        {
            Id = Guid.CreateVersion7(now),
            CaseId = protectionCase.Id,
            CaseReference = protectionCase.Reference,
            UnitCode = protectionCase.UnitCode,
            UnitPath = protectionCase.UnitPath,
            PartnerCode = partner.Code,
            NeedCode = need.Code,
            SentBy = user.UserName ?? "",
            SentAt = now,
            AcknowledgeDueAt = deadlines.DueAt(now, pack.AcknowledgeWithin),
            OutcomeDueAt = deadlines.DueAt(now, pack.OutcomeWithin),
        };
        referral.NoteSealed = cipher.SealOptional(note, referral.NoteContext);
        db.Add(referral);
        await db.SaveChangesAsync(cancellationToken);
        return new ReferralSent(referral.Id, partner.Code, need.Code, referral.AcknowledgeDueAt, referral.OutcomeDueAt);
    }
}
