using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nigehban.Web.Features.Cases;

internal sealed class FirDiaryEntryConfiguration : IEntityTypeConfiguration<FirDiaryEntry>
{
    public void Configure(EntityTypeBuilder<FirDiaryEntry> builder)
    {
        builder.ToTable("fir_diary_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Fir>().WithMany().HasForeignKey(e => e.FirId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.FirId, e.WrittenAt });
        builder.Property(e => e.UnitPath).HasMaxLength(400);
        builder.Property(e => e.AuthorUserName).HasMaxLength(64);
        builder.Property(e => e.AuthorName).HasMaxLength(120);
        builder.Property(e => e.Text).HasMaxLength(8000);
    }
}

internal sealed class FirArrestConfiguration : IEntityTypeConfiguration<FirArrest>
{
    public void Configure(EntityTypeBuilder<FirArrest> builder)
    {
        builder.ToTable("fir_arrests");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Fir>().WithMany().HasForeignKey(a => a.FirId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.FirId);
        builder.HasIndex(a => new { a.UnitPath, a.CustodyStartedAt });

        // What the custody sweep reads: persons still in custody, not yet alerted on.
        builder.HasIndex(a => a.ProduceBy).HasFilter("\"ProducedInCourtAt\" IS NULL AND \"CustodyOverdueAlertedAt\" IS NULL");
        builder.Property(a => a.UnitCode).HasMaxLength(40);
        builder.Property(a => a.UnitPath).HasMaxLength(400);
        builder.Property(a => a.Reference).HasMaxLength(32);
        builder.Property(a => a.PersonName).HasMaxLength(120);
        builder.Property(a => a.ArrestedBy).HasMaxLength(64);
    }
}

internal sealed class FirRecoveryConfiguration : IEntityTypeConfiguration<FirRecovery>
{
    public void Configure(EntityTypeBuilder<FirRecovery> builder)
    {
        builder.ToTable("fir_recoveries");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Fir>().WithMany().HasForeignKey(r => r.FirId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.FirId);
        builder.HasIndex(r => new { r.UnitPath, r.RecoveredAt });
        builder.Property(r => r.UnitCode).HasMaxLength(40);
        builder.Property(r => r.UnitPath).HasMaxLength(400);
        builder.Property(r => r.Reference).HasMaxLength(32);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Description).HasMaxLength(1000);
        builder.Property(r => r.Quantity).HasPrecision(18, 3);
        builder.Property(r => r.QuantityUnit).HasMaxLength(16);
        builder.Property(r => r.RecordedBy).HasMaxLength(64);
    }
}

internal sealed class FirEventConfiguration : IEntityTypeConfiguration<FirEvent>
{
    public void Configure(EntityTypeBuilder<FirEvent> builder)
    {
        builder.ToTable("fir_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Fir>().WithMany().HasForeignKey(e => e.FirId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.FirId, e.At });
        builder.Property(e => e.UnitPath).HasMaxLength(400);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Actor).HasMaxLength(64);
        builder.Property(e => e.Details).HasMaxLength(300);
        builder.Property(e => e.Reason).HasMaxLength(1000);
    }
}
