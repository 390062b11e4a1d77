using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.References;

/// <summary>
/// The next sequence number of one (kind, district, year). Bookkeeping, not a business record:
/// the item that receives the number is what the audit trail records.
/// </summary>
public sealed class ReferenceCounter : INotAudited
{
    public required string Kind { get; set; }
    public required string District { get; set; }

    /// <summary>Full year (2026) in the force's time zone; the reference shows its last two digits.</summary>
    public int Year { get; set; }

    public long NextValue { get; set; }
}

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> builder)
    {
        builder.ToTable("reference_counters");
        builder.HasKey(c => new { c.Kind, c.District, c.Year });
        builder.Property(c => c.Kind).HasMaxLength(5);
        builder.Property(c => c.District).HasMaxLength(8);
    }
}
