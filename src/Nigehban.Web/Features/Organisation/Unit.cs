using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Organisation;

/// <summary>A node of the force's hierarchy. The hierarchy is public reference data, so units are not unit-owned.</summary>
public sealed class Unit : INotAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public string? ParentCode { get; set; }

    /// <summary>Materialised path of codes from the root, with slashes at both ends: <c>/PB/RGN-LHR/LHR/</c>.</summary>
    public required string Path { get; set; }

    public int Depth { get; set; }

    /// <summary>The short code used in reference numbers, for units of the pack's reference kind.</summary>
    public string? ShortCode { get; set; }

    /// <summary>Position in the pack file, so lists come back in the order the force wrote them.</summary>
    public int SortOrder { get; set; }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("units");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Code).HasMaxLength(40);
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.Kind).HasMaxLength(40);
        builder.Property(u => u.ParentCode).HasMaxLength(40);
        builder.Property(u => u.Path).HasMaxLength(400);
        builder.Property(u => u.ShortCode).HasMaxLength(8);
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasIndex(u => u.Path);
        builder.HasIndex(u => u.ParentCode);
    }
}
