using Nigehban.Web.Features.Identity;
using Shouldly;

namespace Nigehban.UnitTests.Identity;

public sealed class SessionLimitsTests
{
    private static readonly DateTimeOffset SignedInAt = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly SessionLimits Limits = new();

    private static StaffSession Session(DateTimeOffset? lastSeen = null) => new()
    {
        TokenHash = "hash",
        CreatedAt = SignedInAt,
        LastSeenAt = lastSeen ?? SignedInAt,
        AbsoluteExpiresAt = SignedInAt + Limits.AbsoluteLifetime,
    };

    private static StaffAccount Account() => new()
    {
        UserName = "officer", DisplayName = "Officer", PasswordHash = "x", ProtectedTotpSecret = "x",
        HomeUnitCode = "LHR", HomeUnitPath = "/PB/LHR/", Roles = "FrontDesk",
    };

    [Fact]
    public void Defaults_AreThePolicy()
    {
        Limits.IdleTimeout.ShouldBe(TimeSpan.FromMinutes(30));
        Limits.AbsoluteLifetime.ShouldBe(TimeSpan.FromHours(12));
        Limits.MaxFailedAttempts.ShouldBe(5);
        Limits.FailureWindow.ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void Session_GoesOn_JustBeforeTheIdleLimit() =>
        Limits.ReasonToEnd(Session(), Account(), SignedInAt.AddMinutes(30).AddSeconds(-1)).ShouldBeNull();

    [Fact]
    public void Session_Ends_AtTheIdleLimit() =>
        Limits.ReasonToEnd(Session(), Account(), SignedInAt.AddMinutes(30)).ShouldBe("idle timeout");

    [Fact]
    public void CircuitActivity_CountsAsUse()
    {
        Limits.ReasonToEnd(Session(), Account(), SignedInAt.AddMinutes(45), lastActivityAt: SignedInAt.AddMinutes(20)).ShouldBeNull();
        Limits.ReasonToEnd(Session(), Account(), SignedInAt.AddMinutes(50), lastActivityAt: SignedInAt.AddMinutes(20)).ShouldBe("idle timeout");
    }

    [Fact]
    public void OlderActivity_DoesNotMoveLastSeenBack() =>
        Limits.ReasonToEnd(Session(SignedInAt.AddMinutes(40)), Account(), SignedInAt.AddMinutes(60), lastActivityAt: SignedInAt.AddMinutes(5)).ShouldBeNull();

    [Fact]
    public void Session_Ends_AtTheAbsoluteLimit_EvenWhenInUse()
    {
        var session = Session(SignedInAt.AddHours(12).AddMinutes(-1));

        Limits.ReasonToEnd(session, Account(), SignedInAt.AddHours(12).AddSeconds(-1)).ShouldBeNull();
        Limits.ReasonToEnd(session, Account(), SignedInAt.AddHours(12)).ShouldBe("absolute limit");
    }

    [Fact]
    public void Session_Ends_WhenAccountDisabledOrLocked()
    {
        var disabled = Account();
        disabled.IsDisabled = true;
        var locked = Account();
        locked.LockedOutAt = SignedInAt;

        Limits.ReasonToEnd(Session(), disabled, SignedInAt.AddMinutes(1)).ShouldBe("account disabled");
        Limits.ReasonToEnd(Session(), locked, SignedInAt.AddMinutes(1)).ShouldBe("account locked");
    }

    [Fact]
    public void EndedSession_StaysEnded()
    {
        var session = Session();
        session.EndedAt = SignedInAt.AddMinutes(1);
        session.EndReason = "signed out";

        Limits.ReasonToEnd(session, Account(), SignedInAt.AddMinutes(2)).ShouldBe("signed out");
    }
}
