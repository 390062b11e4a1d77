using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nigehban.Web.Features.Cases;

internal sealed class FirConfiguration : IEntityTypeConfiguration<Fir>
{
    public void Configure(EntityTypeBuilder<Fir> builder)
    {
        builder.ToTable("firs");
        builder.HasKey(f => f.Id);
        builder.Ignore(f => f.FirNumber);
        builder.Ignore(f => f.Complainant);
        builder.Property(f => f.Reference).HasMaxLength(32);
        builder.HasIndex(f => f.Reference).IsUnique();
        builder.Property(f => f.ComplaintReference).HasMaxLength(32);
        builder.HasIndex(f => f.ComplaintReference).IsUnique().HasFilter("\"ComplaintReference\" IS NOT NULL");
        builder.Property(f => f.UnitCode).HasMaxLength(40);
        builder.Property(f => f.UnitPath).HasMaxLength(400);

        // The number is the station's and the year's: the database refuses a duplicate whatever the code does.
        builder.HasIndex(f => new { f.UnitCode, f.Year, f.Number }).IsUnique();
        builder.HasIndex(f => new { f.UnitPath, f.RegisteredAt });
        builder.Property(f => f.CrimeHead).HasMaxLength(40);
        builder.Property(f => f.Place).HasMaxLength(300);
        builder.Property(f => f.Narrative).HasMaxLength(8000);
        builder.Property(f => f.Language).HasMaxLength(10);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasIndex(f => f.NextEscalationAt).HasFilter("\"NextEscalationAt\" IS NOT NULL");
        builder.HasIndex(f => new { f.UnitPath, f.Status });
        builder.Property(f => f.RegisteredBy).HasMaxLength(100);
        builder.Property(f => f.InvestigatingOfficerUserName).HasMaxLength(64);
        builder.Property(f => f.InvestigatingOfficerName).HasMaxLength(120);
        builder.Property(f => f.IdempotencyKey).HasMaxLength(100);
        builder.Property(f => f.IdempotencyRequestHash).HasMaxLength(64);
        builder.HasIndex(f => f.IdempotencyKey).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        builder.Property(f => f.CopyCode).HasMaxLength(20);
        builder.HasIndex(f => f.CopyCode).IsUnique();
        builder.Property(f => f.CopySignature).HasMaxLength(200);
        builder.HasMany(f => f.Offences).WithOne().HasForeignKey(o => o.FirId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.Parties).WithOne().HasForeignKey(p => p.FirId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FirOffenceConfiguration : IEntityTypeConfiguration<FirOffence>
{
    public void Configure(EntityTypeBuilder<FirOffence> builder)
    {
        builder.ToTable("fir_offences");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Code).HasMaxLength(40);
        builder.Property(o => o.CrimeHead).HasMaxLength(40);
        builder.HasIndex(o => new { o.FirId, o.Position }).IsUnique();
    }
}

internal sealed class FirPartyConfiguration : IEntityTypeConfiguration<FirParty>
{
    public void Configure(EntityTypeBuilder<FirParty> builder)
    {
        builder.ToTable("fir_parties");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Gender).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Name).HasMaxLength(120);
        builder.Property(p => p.Description).HasMaxLength(1000);
        builder.Property(p => p.Phone).HasMaxLength(20);
        builder.Property(p => p.NationalId).HasMaxLength(32);
        builder.Property(p => p.Address).HasMaxLength(300);
        builder.HasIndex(p => new { p.FirId, p.Position }).IsUnique();
    }
}

internal sealed class FirCounterConfiguration : IEntityTypeConfiguration<FirCounter>
{
    public void Configure(EntityTypeBuilder<FirCounter> builder)
    {
        builder.ToTable("fir_counters");
        builder.HasKey(c => new { c.UnitCode, c.Year });
        builder.Property(c => c.UnitCode).HasMaxLength(40);
    }
}
