using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>One visitor at a station's front desk: who came, why, whom they saw, when they came and left.</summary>
public sealed class StationVisit : IUnitOwned
{
    public Guid Id { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public required string VisitorName { get; set; }
    public string? VisitorPhone { get; set; }
    public required string PurposeCode { get; set; }

    /// <summary>The officer or desk the visitor was sent to (free text: a name, a rank, a desk).</summary>
    public string? Saw { get; set; }

    /// <summary>The complaint this visit produced or concerned, if any.</summary>
    public string? ComplaintReference { get; set; }

    public DateTimeOffset ArrivedAt { get; set; }
    public DateTimeOffset? DepartedAt { get; private set; }
    public required string RecordedBy { get; set; }

    public void Depart(DateTimeOffset at)
    {
        if (DepartedAt is not null)
        {
            throw new RuleViolationException("This visitor's departure is recorded already.");
        }

        if (at < ArrivedAt)
        {
            throw new ValidationFailedException("departedAt", "A visitor cannot leave before arriving.");
        }

        DepartedAt = at;
    }
}

internal sealed class StationVisitConfiguration : IEntityTypeConfiguration<StationVisit>
{
    public void Configure(EntityTypeBuilder<StationVisit> builder)
    {
        builder.ToTable("station_visits");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.UnitCode).HasMaxLength(40);
        builder.Property(v => v.UnitPath).HasMaxLength(400);
        builder.Property(v => v.VisitorName).HasMaxLength(120);
        builder.Property(v => v.VisitorPhone).HasMaxLength(20);
        builder.Property(v => v.PurposeCode).HasMaxLength(40);
        builder.Property(v => v.Saw).HasMaxLength(120);
        builder.Property(v => v.ComplaintReference).HasMaxLength(32);
        builder.Property(v => v.RecordedBy).HasMaxLength(100);
        builder.HasIndex(v => new { v.UnitPath, v.ArrivedAt });
        builder.HasIndex(v => v.UnitCode);
    }
}
