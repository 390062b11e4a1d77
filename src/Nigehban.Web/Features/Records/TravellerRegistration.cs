using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// One traveller a transport terminal registered (ADR-077): a name with the force's national ID or the
/// father's name, where to and when, and the coach's registration number if given. Owned by the
/// terminal's station, so that the station reads it and no one else does.
/// </summary>
public sealed class TravellerRegistration : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid TerminalId { get; set; }
    public required string TravellerName { get; set; }
    public string? FatherName { get; set; }
    public string? NationalId { get; set; }
    public string? Phone { get; set; }
    public required string Destination { get; set; }
    public DateTimeOffset DepartsAt { get; set; }

    /// <summary>The coach's registration number in the pack's compared form, matched against stolen vehicles.</summary>
    public string? VehicleRegistration { get; set; }

    /// <summary>When the registration reached the police.</summary>
    public DateTimeOffset RegisteredAt { get; set; }

    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }

    /// <summary>The terminal's Idempotency-Key, unique per terminal; with the hash of the request it came with.</summary>
    public string? IdempotencyKey { get; set; }

    public string? IdempotencyRequestHash { get; set; }
}

internal sealed class TravellerRegistrationConfiguration : IEntityTypeConfiguration<TravellerRegistration>
{
    public void Configure(EntityTypeBuilder<TravellerRegistration> builder)
    {
        builder.ToTable("terminal_travellers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.TravellerName).HasMaxLength(120);
        builder.Property(t => t.FatherName).HasMaxLength(120);
        builder.Property(t => t.NationalId).HasMaxLength(32);
        builder.HasIndex(t => t.NationalId);
        builder.Property(t => t.Phone).HasMaxLength(20);
        builder.Property(t => t.Destination).HasMaxLength(120);
        builder.Property(t => t.VehicleRegistration).HasMaxLength(30);
        builder.Property(t => t.UnitCode).HasMaxLength(32);
        builder.Property(t => t.UnitPath).HasMaxLength(400);
        builder.HasIndex(t => t.UnitPath);
        builder.HasIndex(t => new { t.TerminalId, t.DepartsAt });
        builder.Property(t => t.IdempotencyKey).HasMaxLength(100);
        builder.Property(t => t.IdempotencyRequestHash).HasMaxLength(64);
        builder.HasIndex(t => new { t.TerminalId, t.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        builder.HasOne<TransportTerminal>().WithMany().HasForeignKey(t => t.TerminalId).OnDelete(DeleteBehavior.Restrict);
    }
}
