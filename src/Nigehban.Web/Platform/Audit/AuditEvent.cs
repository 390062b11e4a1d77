using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Audit;

public enum AuditOutcome
{
    Success,
    Denied,
    Failure,
}

/// <summary>
/// One audit event, inserted in the transaction of the work it describes and never changed. It is
/// linked into the hash chain shortly after its commit by an <see cref="AuditSeal"/> (ADR-011).
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Assigned by the database on insert; the order of inserts, not of commits.</summary>
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? ActorId { get; set; }
    public string? ActorName { get; set; }
    public required string Action { get; set; }
    public string? ObjectType { get; set; }
    public string? ObjectId { get; set; }
    public string? UnitPath { get; set; }
    public AuditOutcome Outcome { get; set; }
    public string? IpAddress { get; set; }
    public string? Details { get; set; }

    /// <summary>
    /// Legacy: the link of events chained in the work's own transaction before ADR-011, adopted as
    /// seals at start-up. Null for every later event, whose link is its seal.
    /// </summary>
    public string? PreviousHash { get; set; }

    /// <inheritdoc cref="PreviousHash"/>
    public string? Hash { get; set; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.ActorName).HasMaxLength(100);
        builder.Property(e => e.ObjectType).HasMaxLength(100);
        builder.Property(e => e.ObjectId).HasMaxLength(200);
        builder.Property(e => e.UnitPath).HasMaxLength(400);
        // An auditor reads the events of their unit's subtree (ADR-024); the sealer and verifier ignore the filter.
        builder.ScopedByUnitPath(e => e.UnitPath, unplacedRowsAreForceWide: true);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.ObjectType, e.ObjectId });
    }
}

/// <summary>
/// One link of the audit hash chain: the event it seals, its gap-free position, the previous link's
/// hash and <see cref="Hash"/> = SHA-256 over all of them and the event's fields, so changing,
/// removing or reordering any event or seal breaks the chain. Written by <see cref="AuditSealer"/>.
/// </summary>
public sealed class AuditSeal
{
    public long Sequence { get; set; }
    public long EventId { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset SealedAt { get; set; }
}

internal sealed class AuditSealConfiguration : IEntityTypeConfiguration<AuditSeal>
{
    public void Configure(EntityTypeBuilder<AuditSeal> builder)
    {
        builder.ToTable("audit_seals");
        builder.HasKey(s => s.Sequence);
        builder.Property(s => s.Sequence).ValueGeneratedNever();
        // One seal per event, enforced by the database as well as checked by the verifier.
        builder.HasIndex(s => s.EventId).IsUnique();
        builder.Property(s => s.PreviousHash).HasMaxLength(64);
        builder.Property(s => s.Hash).HasMaxLength(64);
    }
}

/// <summary>A recorded chain head, so that deleting the newest rows (truncation) is detectable.</summary>
public sealed class AuditCheckpoint
{
    public long Sequence { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Hash).HasMaxLength(64);
    }
}
