using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// One person known to police records, keyed by the force's national ID when it is known (stored in
/// the pack's normalised form, unique), otherwise described by name, parentage, approximate age and
/// description. The person's names (the name itself, aliases, the same name in another script, the
/// father's or guardian's name) are <see cref="PersonName"/> rows, which search reads; the criminal
/// history is <see cref="CriminalHistoryEntry"/> rows. A duplicate merged into another record points
/// at it (<see cref="MergedIntoId"/>) and keeps its own rows, so that un-merging restores it whole.
/// </summary>
public sealed class PersonRecord : IUnitOwned
{
    public Guid Id { get; set; }

    /// <summary>Normalised with the force's ID rule; null when the person's ID is not known.</summary>
    public string? NationalId { get; set; }

    public required string Name { get; set; }
    public string? ParentName { get; set; }

    /// <summary>The search key of <see cref="Name"/> (<see cref="NameKeys"/>), which the record check compares.</summary>
    public required string NameKey { get; set; }

    /// <summary>Approximate year of birth, for people whose age is only estimated.</summary>
    public int? BirthYear { get; set; }

    /// <summary>What the person looks like (height, build, marks), for people without an ID above all.</summary>
    public string? Description { get; set; }

    /// <summary>Digits only, with the country code where it was given.</summary>
    public string? Phone { get; set; }

    /// <summary>Set by the module's history: an open conviction. Read by the record check.</summary>
    public bool IsConvicted { get; set; }

    /// <summary>Set where the person is wanted; the watchlist that sets it comes with registrations.</summary>
    public bool IsWanted { get; set; }

    /// <summary>Why the flags are set (the conviction, the court order) — shown to the approving officer.</summary>
    public string? Reason { get; set; }

    /// <summary>The unit that owns the record (the station that registered it).</summary>
    public required string UnitPath { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The record this one was merged into as its duplicate; null while it stands on its own.</summary>
    public Guid? MergedIntoId { get; set; }

    public List<PersonName> Names { get; set; } = [];

    public List<CriminalHistoryEntry> History { get; set; } = [];

    /// <summary>Recomputes the record check's flag and reason from the open convictions.</summary>
    public void RefreshConviction()
    {
        var open = History.Where(h => h.Kind == HistoryKind.Conviction && h.ClosedAt is null).OrderBy(h => h.On).ToList();
        IsConvicted = open.Count > 0;
        if (!IsWanted)
        {
            var reason = string.Join("; ", open.Select(h => h.Summary));
            Reason = open.Count == 0 ? null : reason.Length > 500 ? reason[..500] : reason;
        }
    }
}

internal sealed class PersonRecordConfiguration : IEntityTypeConfiguration<PersonRecord>
{
    public void Configure(EntityTypeBuilder<PersonRecord> builder)
    {
        builder.ToTable("person_records");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.NationalId).HasMaxLength(32);
        builder.HasIndex(p => p.NationalId).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(120);
        builder.Property(p => p.ParentName).HasMaxLength(120);
        builder.Property(p => p.NameKey).HasMaxLength(NameKeys.MaxKeyLength);
        builder.HasIndex(p => p.NameKey);
        builder.Property(p => p.Description).HasMaxLength(500);
        builder.Property(p => p.Phone).HasMaxLength(20);
        builder.HasIndex(p => p.Phone);
        builder.Property(p => p.Reason).HasMaxLength(500);
        builder.Property(p => p.UnitPath).HasMaxLength(400);
        builder.HasIndex(p => p.UnitPath);
        builder.HasIndex(p => p.MergedIntoId);
        builder.HasMany(p => p.Names).WithOne().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.History).WithOne().HasForeignKey(h => h.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
