using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// A duplicate person record merged into another by a permitted officer, and its reversal. The
/// duplicate keeps its own names and history (it only points at the survivor), so un-merging
/// restores both records exactly as they were.
/// </summary>
public sealed class PersonMerge
{
    public Guid Id { get; set; }
    public Guid SurvivorId { get; set; }
    public Guid DuplicateId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset MergedAt { get; set; }
    public required string MergedBy { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
    public string? UndoneBy { get; set; }
    public string? UndoReason { get; set; }
}

/// <summary>
/// A lookup of a person: who looked, from which unit, why; what a person may be told (if the pack
/// allows). The lookup's audit event is the record of it; this row only lets it be found by person.
/// </summary>
public sealed class PersonLookup : INotAudited
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserName { get; set; }
    public required string UnitCode { get; set; }
    public required string Purpose { get; set; }
}

internal sealed class PersonMergeConfiguration : IEntityTypeConfiguration<PersonMerge>
{
    public void Configure(EntityTypeBuilder<PersonMerge> builder)
    {
        builder.ToTable("person_merges");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Reason).HasMaxLength(300);
        builder.Property(m => m.MergedBy).HasMaxLength(100);
        builder.Property(m => m.UndoneBy).HasMaxLength(100);
        builder.Property(m => m.UndoReason).HasMaxLength(300);
        builder.HasIndex(m => m.SurvivorId);
        builder.HasIndex(m => m.DuplicateId);
    }
}

internal sealed class PersonLookupConfiguration : IEntityTypeConfiguration<PersonLookup>
{
    public void Configure(EntityTypeBuilder<PersonLookup> builder)
    {
        builder.ToTable("person_lookups");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.UserName).HasMaxLength(100);
        builder.Property(l => l.UnitCode).HasMaxLength(40);
        builder.Property(l => l.Purpose).HasMaxLength(40);
        builder.HasIndex(l => new { l.PersonId, l.At });
    }
}
