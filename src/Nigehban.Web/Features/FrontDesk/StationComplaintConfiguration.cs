using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nigehban.Web.Features.FrontDesk;

internal sealed class StationComplaintConfiguration : IEntityTypeConfiguration<StationComplaint>
{
    public void Configure(EntityTypeBuilder<StationComplaint> builder)
    {
        builder.ToTable("station_complaints");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reference).HasMaxLength(32);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.CategoryCode).HasMaxLength(40);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.Property(c => c.LocationText).HasMaxLength(300);
        builder.Property(c => c.Language).HasMaxLength(10);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.UnitCode).HasMaxLength(40);
        builder.Property(c => c.UnitPath).HasMaxLength(400);
        builder.Property(c => c.OfficerUserName).HasMaxLength(64);
        builder.Property(c => c.OfficerName).HasMaxLength(120);
        builder.Property(c => c.OfficerPhone).HasMaxLength(20);
        builder.Property(c => c.DisposalNote).HasMaxLength(1000);
        builder.Property(c => c.RatingComment).HasMaxLength(1000);
        builder.Property(c => c.RatingToken).HasMaxLength(8);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(100);
        builder.Property(c => c.IdempotencyRequestHash).HasMaxLength(64);
        builder.Property(c => c.Version).IsConcurrencyToken();

        // The station's lists, the escalation sweep, and dashboard rebuilds by unit.
        builder.HasIndex(c => new { c.UnitPath, c.Status, c.ReceivedAt });
        builder.HasIndex(c => c.NextEscalationAt).HasFilter("\"NextEscalationAt\" IS NOT NULL");
        builder.HasIndex(c => c.UnitCode);

        // An SMS reply finds its complaint by token (and then the sender's phone); only unrated disposed ones hold one.
        builder.HasIndex(c => c.RatingToken).HasFilter("\"RatingToken\" IS NOT NULL");
        builder.HasIndex(c => c.IdempotencyKey).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        builder.OwnsOne(c => c.Complainant, p =>
        {
            p.Property(x => x.Name).HasColumnName("complainant_name").HasMaxLength(120);
            p.Property(x => x.Phone).HasColumnName("complainant_phone").HasMaxLength(20);
            p.Property(x => x.NationalId).HasColumnName("complainant_national_id").HasMaxLength(32);
        });
        builder.HasMany(c => c.Steps).WithOne().HasForeignKey(s => s.ComplaintId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ComplaintStepConfiguration : IEntityTypeConfiguration<ComplaintStep>
{
    public void Configure(EntityTypeBuilder<ComplaintStep> builder)
    {
        builder.ToTable("station_complaint_steps");
        builder.HasKey(s => s.Id);

        // Steps are created with their id and added through the complaint's collection.
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Event).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Actor).HasMaxLength(100);
        builder.Property(s => s.Note).HasMaxLength(1100);
        builder.Property(s => s.FromUnit).HasMaxLength(40);
        builder.Property(s => s.ToUnit).HasMaxLength(40);
        builder.HasIndex(s => new { s.ComplaintId, s.At });
    }
}
