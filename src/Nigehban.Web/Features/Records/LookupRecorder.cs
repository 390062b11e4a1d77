using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// What every lookup of a person goes through (ADR-059): it names one of the pack's purposes (400
/// naming <c>purpose</c> otherwise), passes the bulk-use guard (429, audited as denied, and the first
/// refusal of a spell alerts the officer's unit in-charge through the outbox), and is audited with
/// the officer, their unit and the purpose; each person shown gets a lookup row, which is what a
/// person may be told (if the pack allows).
/// </summary>
public sealed class LookupRecorder(NigehbanDbContext db, RecordsPack pack, LookupGuard guard, CurrentUser user, GroupCommit groupCommit, TimeProvider clock)
{
    public LookupPurpose PurposeOf(string? purpose) =>
        string.IsNullOrWhiteSpace(purpose)
            ? throw new ValidationFailedException("purpose", RecordsErrors.Text("Purpose.Required", string.Join(", ", pack.Purposes.Select(p => p.Code))))
            : pack.Purpose(purpose) ?? throw new ValidationFailedException("purpose", RecordsErrors.Text("Purpose.Unknown", purpose.Trim(), string.Join(", ", pack.Purposes.Select(p => p.Code))));

    /// <summary>Admits the lookup or refuses it (429); <paramref name="nationalId"/> is the normalised ID looked up, if any.</summary>
    public async Task AdmitAsync(LookupPurpose purpose, string what, string? nationalId, CancellationToken cancellationToken)
    {
        var officer = user.UserName ?? "anonymous";
        var digits = nationalId is not null && nationalId.All(char.IsAsciiDigit) ? nationalId : null;
        var (verdict, first) = guard.Admit(officer, digits);
        if (verdict == LookupVerdict.Allowed)
        {
            return;
        }

        db.Audit.Record(new AuditEntry("person.lookup", "Person", null, AuditOutcome.Denied,
            $"purpose={purpose.Code}; unit={user.UnitCode}; by={what}; refused={verdict}", user.UnitPath));
        if (first && user.UnitCode is { } unit)
        {
            Outbox.Enqueue(db, OutboxKinds.Alert, $"unit:{unit}:in-charge",
                new { kind = "bulk-person-lookups", officer, unit, reason = verdict.ToString(), at = clock.GetUtcNow() }, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        throw verdict == LookupVerdict.Walking
            ? new TooManyRequestsException("nationalId", RecordsErrors.Text("Lookups.Walking"))
            : new TooManyRequestsException("purpose", RecordsErrors.Text("Lookups.TooMany", pack.LookupsPerMinute));
    }

    /// <summary>Audits an admitted lookup and notes each person it showed, committed before the caller answers (AuditedReads).</summary>
    public async Task RecordAsync(LookupPurpose purpose, string what, IEnumerable<Guid> shown, CancellationToken cancellationToken, Guid? objectId = null)
    {
        var now = clock.GetUtcNow();
        var persons = shown.Distinct().ToList();
        var entry = new AuditEntry(objectId is null ? "person.search" : "person.read", "Person", objectId?.ToString(), AuditOutcome.Success,
            $"purpose={purpose.Code}; unit={user.UnitCode}; by={what}; shown={persons.Count}", user.UnitPath);
        var actor = AuditActor.Of(user);
        var officer = user.UserName ?? "anonymous";
        var unit = user.UnitCode ?? "";
        void Stage(NigehbanDbContext into)
        {
            into.Audit.Record(entry, actor);
            foreach (var person in persons)
            {
                into.Add(new PersonLookup { Id = Guid.CreateVersion7(), PersonId = person, At = now, UserName = officer, UnitCode = unit, Purpose = purpose.Code });
            }
        }

        await db.CommitReadAsync(groupCommit, actor, Stage, cancellationToken);
    }
}
