using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// A person known to police records: the minimal form the service-centre record check needs. The
/// records module (criminal records, watchlists, registrations) extends this with its own tables;
/// the record check reaches it only through <see cref="IRecordCheck"/>.
/// </summary>
public sealed class PersonRecord : IUnitOwned
{
    public Guid Id { get; set; }

    /// <summary>Normalised with the force's ID rule; null when the person's ID is not known.</summary>
    public string? NationalId { get; set; }

    public required string Name { get; set; }
    public string? ParentName { get; set; }

    /// <summary>Upper-case letters only, for name matching that ignores spacing and punctuation.</summary>
    public required string NameKey { get; set; }

    public bool IsWanted { get; set; }
    public bool IsConvicted { get; set; }

    /// <summary>Why the flags are set (the FIR, the court order) — shown to the approving officer.</summary>
    public string? Reason { get; set; }

    /// <summary>The unit that owns the record (the station that registered it).</summary>
    public required string UnitPath { get; set; }

    public static string KeyOf(string name) => new(name.Where(char.IsLetter).Select(char.ToUpperInvariant).ToArray());
}

internal sealed class PersonRecordConfiguration : IEntityTypeConfiguration<PersonRecord>
{
    public void Configure(EntityTypeBuilder<PersonRecord> builder)
    {
        builder.ToTable("person_records");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.NationalId).HasMaxLength(32);
        builder.HasIndex(p => p.NationalId);
        builder.Property(p => p.Name).HasMaxLength(120);
        builder.Property(p => p.ParentName).HasMaxLength(120);
        builder.Property(p => p.NameKey).HasMaxLength(120);
        builder.HasIndex(p => p.NameKey);
        builder.Property(p => p.Reason).HasMaxLength(500);
        builder.Property(p => p.UnitPath).HasMaxLength(400);
        builder.HasIndex(p => p.UnitPath);
    }
}
