using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Protection.OpenCase;

/// <param name="Centre">The unit code of one of the pack's protection centres.</param>
/// <param name="Anonymous">The person does not give a name: only the contact is kept (name and address are dropped).</param>
/// <param name="Contact">How the desk reaches the person (a phone, an address for letters, a trusted person): required online.</param>
public sealed record OpenCaseCommand(
    string? Centre, IReadOnlyList<string>? Groups, IReadOnlyList<string>? Needs, bool Anonymous,
    string? Name, string? Contact, string? Address, string? Statement, string? LinkedReference = null);

/// <param name="Replayed">The answer to an earlier request under the same Idempotency-Key (the endpoint says so in a header, not in the body).</param>
public sealed record OpenedCase(string Reference, ProtectionCaseStatus Status, string Centre, DateTimeOffset FirstFollowUpDueAt, string? AssignedOfficer)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Replayed { get; init; }
}

/// <summary>
/// Opens a protection case: at the desk by a protection officer (who is then assigned it), or online
/// by a person without an account (the centre's officers take it up). Identity and statement are
/// sealed before they reach the context, so no plaintext is ever tracked, saved, logged or audited.
/// A refusal names the field and repeats nothing the caller typed.
/// </summary>
public sealed class OpenCaseHandler(
    NigehbanDbContext db, ProtectionPack pack, UnitDirectory units, CurrentUser user, JurisdictionScope scope,
    TimeProvider clock, AllocateReferenceNumber references, DeadlineCalculator deadlines, FieldCipher cipher, GroupCommit groupCommit)
{
    /// <param name="idempotencyKey">The client's key for this submission: the same key and request answer the first case again (ADR-071).</param>
    public async Task<OpenedCase> HandleAsync(OpenCaseCommand command, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        ProtectionAccess.EnsureOffered(pack);
        ArgumentNullException.ThrowIfNull(command);
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey);

        var atDesk = user.HasPermission(Permissions.ProtectionCasesWork);
        var centre = pack.Centre(command.Centre)
            ?? throw new ValidationFailedException("centre", ProtectionErrors.Text("Centre.Unknown", string.Join(", ", pack.Centres.Select(c => c.UnitCode))));
        var unit = pack.UnitOf(centre, units);
        if (atDesk && !scope.Covers(unit))
        {
            throw new NotFoundException("centre", ApiErrors.Text("Unit.NotInJurisdiction"));
        }

        var groups = Codes(command.Groups, "groups", pack.Groups.Select(g => g.Code), "Groups");
        var needs = Codes(command.Needs, "needs", pack.Needs.Select(n => n.Code), "Needs");
        var name = command.Anonymous ? null : TextFields.Optional(command.Name, "name", 120);
        var address = command.Anonymous ? null : TextFields.Optional(command.Address, "address", 400);
        var contact = TextFields.Optional(command.Contact, "contact", 200);
        var statement = TextFields.Optional(command.Statement, "statement", 8000);
        var linked = TextFields.Optional(command.LinkedReference, "linkedReference", 32);
        if (!command.Anonymous && name is null)
        {
            throw new ValidationFailedException("name", ProtectionErrors.Text("Name.Required"));
        }

        if (!atDesk && contact is null)
        {
            throw new ValidationFailedException("contact", ProtectionErrors.Text("Contact.Required"));
        }

        var channel = atDesk ? ProtectionChannel.Desk : ProtectionChannel.Online;
        var keyHash = idempotencyKey is null ? null : IdempotentRequest.Hash(idempotencyKey);
        var requestHash = idempotencyKey is null ? null : IdempotentRequest.Hash(
            idempotencyKey, unit.Code, string.Join(',', groups), string.Join(',', needs), command.Anonymous ? "anonymous" : "named",
            name, contact, address, statement, linked, channel.ToString(), user.AccountId?.ToString());
        // As the database keeps it (PostgreSQL: microseconds), so that a replay answers the very same instants.
        var now = clock.GetUtcNow().ToMicroseconds();
        // From the process's block (ADR-013): a reference is an identifier, and a gap harms nothing, where a counter's commit per case would cost a flush to disk.
        var reference = (await references.NextFromBlockAsync(pack.ReferencePrefix, unit.Code, cancellationToken)).ToString();
        // Read here: Build may run on the group commit's writer, where no request's user is signed in.
        var actor = user.UserName ?? "citizen (web)";
        var assignee = atDesk ? user.AccountId : null;
        var assigneeName = user.UserName ?? "";
        var firstFollowUpDue = deadlines.DueAt(now, pack.FirstFollowUpWithin);
        ProtectionCase? staged = null;

        // Built afresh each time it is staged: a group commit that fails has this case saved alone (GroupCommit).
        void Stage(NigehbanDbContext into)
        {
            staged = Build();
            into.Add(staged);
        }

        ProtectionCase Build()
        {
            var protectionCase = new ProtectionCase
            {
                Id = Guid.CreateVersion7(now),
                Reference = reference,
                UnitCode = unit.Code,
                UnitPath = unit.Path,
                CentreType = centre.Type,
                Channel = channel,
                IdempotencyKeyHash = keyHash,
                IdempotencyRequestHash = requestHash,
                Anonymous = command.Anonymous,
                Groups = string.Join(',', groups),
                Needs = string.Join(',', needs),
                LinkedReference = linked,
                OpenedAt = now,
            };
            protectionCase.NameSealed = cipher.SealOptional(name, protectionCase.FieldContext("name"));
            protectionCase.ContactSealed = cipher.SealOptional(contact, protectionCase.FieldContext("contact"));
            protectionCase.AddressSealed = cipher.SealOptional(address, protectionCase.FieldContext("address"));
            protectionCase.StatementSealed = cipher.SealOptional(statement, protectionCase.FieldContext("statement"));
            if (assignee is { } me)
            {
                protectionCase.AssignTo(me, assigneeName);
            }

            protectionCase.PlanFollowUp(ProtectionFollowUpKind.Call, firstFollowUpDue, actor, now);
            return protectionCase;
        }

        OpenedCase Answer() => new(reference, staged!.Status, centre.UnitCode, firstFollowUpDue, staged.AssignedUserName);

        // Cases opened at once share one transaction and its flush (ADR-014); a replayed key fails the group, and this one then meets it alone.
        if (await groupCommit.TryWriteAsync(AuditActor.Of(user), Stage))
        {
            return Answer();
        }

        Stage(db);
        return await db.SaveOrFindFirstAsync<ProtectionCase, OpenedCase>(keyHash, () => ReplayAsync(keyHash!, requestHash!, cancellationToken),
                cancellationToken, nameof(ProtectionCase.IdempotencyKeyHash))
            ?? Answer();
    }

    /// <summary>The first case opened under this key, answered as it was then; another request under the key is 422.</summary>
    private async Task<OpenedCase?> ReplayAsync(string keyHash, string requestHash, CancellationToken cancellationToken)
    {
        // The key is the client's own secret: it finds only the case that client opened.
        var first = await db.Set<ProtectionCase>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.IdempotencyKeyHash == keyHash)
            .Select(c => new
            {
                c.Reference, c.UnitCode, c.IdempotencyRequestHash, c.OpenedAt,
                FirstFollowUp = c.FollowUps.OrderBy(f => f.PlannedAt).ThenBy(f => f.Id).Select(f => f.DueAt).First(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        // The first answer as it was: a replay tells nothing of what the desk did since.
        return first is null ? null : IdempotentRequest.Replay(first.IdempotencyRequestHash, requestHash,
            () => new OpenedCase(first.Reference, ProtectionCaseStatus.Open, first.UnitCode, first.FirstFollowUp, null) { Replayed = true });
    }

    /// <summary>Pack codes, at least one, each known; sorted and unique. The refusal lists the choices, never what was sent.</summary>
    internal static List<string> Codes(IReadOnlyList<string>? given, string field, IEnumerable<string> known, string family)
    {
        var choices = known.ToList();
        if (given is not { Count: > 0 })
        {
            throw new ValidationFailedException(field, ProtectionErrors.Text($"{family}.Required", string.Join(", ", choices)));
        }

        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var code in given)
        {
            var match = choices.FirstOrDefault(c => string.Equals(c, code?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ValidationFailedException(field, ProtectionErrors.Text($"{family}.Unknown", string.Join(", ", choices)));
            codes.Add(match);
        }

        return [.. codes];
    }
}
