using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Identity;

/// <summary>
/// A member of staff who signs in with a password and a TOTP code. Owned by its home unit, so the
/// jurisdiction filter bounds administrators as it bounds every officer (ADR-024); sign-in and
/// session checks, which find an account before any scope exists, ignore the filter explicitly.
/// </summary>
public sealed class StaffAccount : IUnitOwned
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }

    /// <summary>The TOTP secret, encrypted with the instance's data-protection keys (kept outside the database).</summary>
    public required string ProtectedTotpSecret { get; set; }

    public required string HomeUnitCode { get; set; }
    public required string HomeUnitPath { get; set; }

    string IUnitOwned.UnitPath => HomeUnitPath;

    /// <summary>Comma-separated role names from <c>Roles</c>.</summary>
    public required string Roles { get; set; }

    public bool IsDisabled { get; set; }

    /// <summary>Set after 5 failures within 15 minutes; only an administrator clears it.</summary>
    public DateTimeOffset? LockedOutAt { get; set; }

    public int FailedAttempts { get; set; }
    public DateTimeOffset? FailureWindowStartedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The TOTP time step of the last accepted code; a code of this step or an earlier one is refused (no replay).</summary>
    public long? LastTotpStep { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class StaffAccountConfiguration : IEntityTypeConfiguration<StaffAccount>
{
    public void Configure(EntityTypeBuilder<StaffAccount> builder)
    {
        builder.ToTable("staff_accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.UserName).HasMaxLength(64);
        builder.HasIndex(a => a.UserName).IsUnique();
        builder.Property(a => a.DisplayName).HasMaxLength(120);
        builder.Property(a => a.PasswordHash).HasMaxLength(200);
        builder.Property(a => a.ProtectedTotpSecret).HasMaxLength(400);
        builder.Property(a => a.HomeUnitCode).HasMaxLength(40);
        builder.Property(a => a.HomeUnitPath).HasMaxLength(400);
        builder.ScopedByUnitPath(a => a.HomeUnitPath);
        builder.Property(a => a.Roles).HasMaxLength(400);
        builder.Ignore(a => a.RoleList);

        // Two sign-ins racing with the same code: the second one's update finds the step changed and fails.
        builder.Property(a => a.LastTotpStep).IsConcurrencyToken();
    }
}

public enum SessionKind
{
    Cookie,
    Bearer,
}

/// <summary>
/// A server-side session: the cookie or bearer token is a random secret whose SHA-256 is stored
/// here, so sessions can be ended at once (disable, sign-out) and idle/absolute limits are enforced
/// on the server, not trusted to the client.
/// </summary>
public sealed class StaffSession : INotAudited
{
    public Guid Id { get; set; }
    public required string TokenHash { get; set; }
    public Guid AccountId { get; set; }
    public SessionKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset AbsoluteExpiresAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }
    public string? IpAddress { get; set; }
}

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> builder)
    {
        builder.ToTable("staff_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.AccountId);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.EndReason).HasMaxLength(64);
        builder.Property(s => s.IpAddress).HasMaxLength(64);
    }
}
