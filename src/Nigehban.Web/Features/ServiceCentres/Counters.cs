using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>A counter of a service centre. Every counter serves every service, as in a one-window citizen service centre.</summary>
public sealed class ServiceCounter : IUnitOwned
{
    public Guid Id { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public int Number { get; set; }
    public required string Label { get; set; }
    public bool IsOpen { get; set; } = true;
}

public enum TokenStatus
{
    Waiting,
    Called,
    Served,
    NoShow,
}

/// <summary>
/// A numbered token issued to a citizen on arrival, called to a counter, then served. The times
/// give the centre's waiting time (issued → called) and service time (called → served).
/// </summary>
public sealed class QueueToken : IUnitOwned
{
    public Guid Id { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }

    /// <summary>The centre's local day: numbering starts again at 1 every day.</summary>
    public DateOnly Day { get; set; }

    public int Number { get; set; }
    public string? ServiceCode { get; set; }
    public TokenStatus Status { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? CalledAt { get; set; }
    public int? CounterNumber { get; set; }
    public DateTimeOffset? ServedAt { get; set; }

    /// <summary>The application taken while serving this token, if any.</summary>
    public string? ServiceRequestReference { get; set; }

    public string Display => Number.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class ServiceCounterConfiguration : IEntityTypeConfiguration<ServiceCounter>
{
    public void Configure(EntityTypeBuilder<ServiceCounter> builder)
    {
        builder.ToTable("service_counters");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.UnitCode).HasMaxLength(40);
        builder.Property(c => c.UnitPath).HasMaxLength(400);
        builder.Property(c => c.Label).HasMaxLength(60);
        builder.HasIndex(c => new { c.UnitCode, c.Number }).IsUnique();
    }
}

internal sealed class QueueTokenConfiguration : IEntityTypeConfiguration<QueueToken>
{
    public void Configure(EntityTypeBuilder<QueueToken> builder)
    {
        builder.ToTable("queue_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.UnitCode).HasMaxLength(40);
        builder.Property(t => t.UnitPath).HasMaxLength(400);
        builder.Property(t => t.ServiceCode).HasMaxLength(64);
        // Counters calling or serving at once must not both move the same token (checked on update).
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(t => t.ServiceRequestReference).HasMaxLength(32);
        builder.HasIndex(t => new { t.UnitCode, t.Day, t.Number }).IsUnique();
        builder.HasIndex(t => new { t.UnitCode, t.Status, t.IssuedAt });
        builder.Ignore(t => t.Display);
    }
}
