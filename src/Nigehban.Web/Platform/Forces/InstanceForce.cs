using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// The one row that says which force a database belongs to, written on its first start. One
/// database holds one force: its units, staff, counters and audit chain are that force's alone.
/// </summary>
public sealed class InstanceForce : INotAudited
{
    /// <summary>Always <see cref="TheRow"/>: the table can never hold a second force.</summary>
    public int Id { get; set; }

    public required string ForceCode { get; set; }
    public required string ForceName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public const int TheRow = 1;
}

internal sealed class InstanceForceConfiguration : IEntityTypeConfiguration<InstanceForce>
{
    public void Configure(EntityTypeBuilder<InstanceForce> builder)
    {
        builder.ToTable("instance_force", t => t.HasCheckConstraint("ck_instance_force_one_row", "\"Id\" = 1"));
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.ForceCode).HasMaxLength(64);
        builder.Property(f => f.ForceName).HasMaxLength(200);
    }
}
