using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Protection;

public enum ProtectionCaseStatus
{
    Open,
    Closed,
}

/// <summary>How the case reached the desk: at the counter, or online without an account.</summary>
public enum ProtectionChannel
{
    Desk,
    Online,

    /// <summary>Opened by an officer from a virtual desk chat; the chat's transcript is kept in the case.</summary>
    Chat,
}

/// <summary>What the person said of the help they had, at closure.</summary>
public enum ProtectionSatisfaction
{
    Satisfied,
    PartlySatisfied,
    NotSatisfied,
    NotAsked,
}

/// <summary>
/// A person a protection desk is helping. Owned by the centre's unit (the jurisdiction filter
/// applies); who the person is — name, contact, address, statement — is held only as ciphertext
/// (<c>*Sealed</c>, mechanism 10), opened for the assigned officer, the officers they grant, and a
/// break-glass read (ADR-061). Groups and needs are pack codes, kept in the clear for lists and
/// counts. Rules of the lifecycle live here: an illegal step is a 409.
/// </summary>
public sealed class ProtectionCase : IUnitOwned
{
    public Guid Id { get; set; }
    public required string Reference { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public required string CentreType { get; set; }
    public ProtectionChannel Channel { get; set; }

    /// <summary>The person asked not to be named: only a contact channel is kept.</summary>
    public bool Anonymous { get; set; }

    /// <summary>Pack codes, comma-separated and sorted.</summary>
    public required string Groups { get; set; }
    public required string Needs { get; set; }

    public string? NameSealed { get; set; }
    public string? ContactSealed { get; set; }
    public string? AddressSealed { get; set; }
    public string? StatementSealed { get; set; }

    /// <summary>The virtual desk chat the case was opened from, sealed as one text and kept up to date while the chat goes on.</summary>
    public string? TranscriptSealed { get; set; }

    /// <summary>
    /// The SHA-256 of the Idempotency-Key an online intake was sent with, and of the key with the request
    /// (ADR-071). Hashes, not the key: the key salts the request's hash, so the stored hash cannot be
    /// matched against guessed names and contacts by someone who reads the table.
    /// </summary>
    public string? IdempotencyKeyHash { get; set; }
    public string? IdempotencyRequestHash { get; set; }

    /// <summary>A complaint or FIR reference that followed from the case.</summary>
    public string? LinkedReference { get; set; }

    public Guid? AssignedAccountId { get; set; }
    public string? AssignedUserName { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public ProtectionCaseStatus Status { get; private set; } = ProtectionCaseStatus.Open;
    public DateTimeOffset? ClosedAt { get; private set; }
    public ProtectionSatisfaction? Satisfaction { get; private set; }
    public string? ClosureNoteSealed { get; private set; }
    public int Version { get; set; }

    public List<ProtectionCaseGrant> Grants { get; set; } = [];
    public List<ProtectionFollowUp> FollowUps { get; set; } = [];

    public bool IsOpen => Status == ProtectionCaseStatus.Open;

    public IReadOnlyList<string> GroupCodes => Groups.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> NeedCodes => Needs.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The context a protected field of this case is sealed under: a ciphertext moved to another case or field does not open.</summary>
    public string FieldContext(string field) => $"protection-case/{Id}/{field}";

    public bool IsReadableBy(Guid? accountId) =>
        accountId is { } id && (AssignedAccountId == id || Grants.Any(g => g.AccountId == id));

    public void AssignTo(Guid accountId, string userName)
    {
        EnsureOpen();
        AssignedAccountId = accountId;
        AssignedUserName = userName;
        Version++;
    }

    public void Grant(Guid accountId, string userName, string grantedBy, DateTimeOffset at)
    {
        EnsureOpen();
        if (Grants.Any(g => g.AccountId == accountId) || AssignedAccountId == accountId)
        {
            return;
        }

        Grants.Add(new ProtectionCaseGrant { Id = Guid.CreateVersion7(at), CaseId = Id, AccountId = accountId, UserName = userName, GrantedBy = grantedBy, GrantedAt = at });
        Version++;
    }

    public void LinkTo(string canonicalReference)
    {
        EnsureOpen();
        LinkedReference = canonicalReference;
        Version++;
    }

    /// <summary>Takes a granted officer's access away; an officer without a grant is not found (404).</summary>
    public void Revoke(string userName)
    {
        EnsureOpen();
        var grant = Grants.FirstOrDefault(g => string.Equals(g.UserName, userName, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException("officer", ProtectionErrors.Text("Grant.NotFound"));
        Grants.Remove(grant);
        Version++;
    }

    public ProtectionFollowUp PlanFollowUp(ProtectionFollowUpKind kind, DateTimeOffset dueAt, string plannedBy, DateTimeOffset at)
    {
        EnsureOpen();
        var followUp = new ProtectionFollowUp { Id = Guid.CreateVersion7(at), CaseId = Id, Kind = kind, DueAt = dueAt, PlannedBy = plannedBy, PlannedAt = at };
        FollowUps.Add(followUp);
        Version++;
        return followUp;
    }

    public void Close(ProtectionSatisfaction satisfaction, string? noteSealed, DateTimeOffset at)
    {
        EnsureOpen();
        Status = ProtectionCaseStatus.Closed;
        Satisfaction = satisfaction;
        ClosureNoteSealed = noteSealed;
        ClosedAt = at;
        Version++;
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new RuleViolationException(ProtectionErrors.Text("Rule.Closed"));
        }
    }
}

/// <summary>An officer the assigned officer allowed to read the case's protected fields.</summary>
public sealed class ProtectionCaseGrant
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid AccountId { get; set; }
    public required string UserName { get; set; }
    public required string GrantedBy { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
}

public enum ProtectionFollowUpKind
{
    Visit,
    Call,
}

/// <summary>A visit or call due on a case; done with a note (sealed: it may say where the person is).</summary>
public sealed class ProtectionFollowUp
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public ProtectionFollowUpKind Kind { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public required string PlannedBy { get; set; }
    public DateTimeOffset PlannedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public string? NoteSealed { get; set; }

    public string NoteContext => $"protection-follow-up/{Id}/note";

    public void Complete(string by, string? noteSealed, DateTimeOffset at)
    {
        if (DoneAt is not null)
        {
            throw new RuleViolationException(ProtectionErrors.Text("Rule.FollowUpDone"));
        }

        DoneAt = at;
        DoneBy = by;
        NoteSealed = noteSealed;
    }
}

/// <summary>A break-glass read: who, when, and why (the reason sealed: it may name the person).</summary>
public sealed class ProtectionBreakGlass
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid? AccountId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ReasonSealed { get; set; }

    public string ReasonContext => $"protection-break-glass/{Id}/reason";
}
