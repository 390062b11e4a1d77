using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Records;

/// <summary>How the vehicle was lost: taken while unattended, or snatched from its driver.</summary>
public enum VehicleLoss
{
    Theft,
    Snatching,
}

/// <summary>Where a stolen vehicle stands; it only moves forward (ADR-067).</summary>
public enum StolenVehicleStatus
{
    /// <summary>Stolen or snatched, not yet found: a registration naming it raises an alert.</summary>
    Open,
    Recovered,
    HandedOver,
}

/// <summary>
/// A vehicle a station recorded stolen or snatched (issue 19, the stolen-vehicle desk), then recovered
/// and handed over to its owner. Owned by the recording station. The registration number is kept as
/// written and in the pack's compared form (<see cref="VehicleRegistrationRule"/>), which every
/// search and match uses.
/// </summary>
public sealed class StolenVehicle : IUnitOwned
{
    public Guid Id { get; set; }
    public required string RegistrationNumber { get; set; }
    public required string RegistrationKey { get; set; }
    public string? ChassisNumber { get; set; }
    public string? EngineNumber { get; set; }
    public required string Make { get; set; }
    public string? Model { get; set; }
    public string? Colour { get; set; }
    public VehicleLoss Loss { get; set; }
    public required string LostPlace { get; set; }
    public DateTimeOffset LostAt { get; set; }

    /// <summary>The FIR registered for the loss, as the officer wrote it (there may be none yet).</summary>
    public string? FirReference { get; set; }

    public StolenVehicleStatus Status { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
    public string? RecoveredPlace { get; set; }
    public DateTimeOffset? RecoveredAt { get; set; }
    public string? RecoveredBy { get; set; }
    public string? HandedOverTo { get; set; }
    public DateTimeOffset? HandedOverAt { get; set; }
    public string? HandedOverBy { get; set; }

    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }

    /// <summary>Recovered, where and when: only an open vehicle, and not before it was lost.</summary>
    public void Recover(string place, DateTimeOffset at, string by)
    {
        if (Status != StolenVehicleStatus.Open)
        {
            throw new RuleViolationException(VehicleErrors.Text("Vehicle.NotOpen", Status));
        }

        if (at < LostAt)
        {
            throw new ValidationFailedException("recoveredAt", VehicleErrors.Text("Vehicle.RecoveredBeforeLost"));
        }

        (Status, RecoveredPlace, RecoveredAt, RecoveredBy) = (StolenVehicleStatus.Recovered, place, at, by);
    }

    /// <summary>Handed over to its owner: only a recovered vehicle, and not before its recovery.</summary>
    public void HandOver(string to, DateTimeOffset at, string by)
    {
        if (Status != StolenVehicleStatus.Recovered)
        {
            throw new RuleViolationException(VehicleErrors.Text("Vehicle.NotRecovered", Status));
        }

        if (at < RecoveredAt)
        {
            throw new ValidationFailedException("handedOverAt", VehicleErrors.Text("Vehicle.HandedOverBeforeRecovered"));
        }

        (Status, HandedOverTo, HandedOverAt, HandedOverBy) = (StolenVehicleStatus.HandedOver, to, at, by);
    }
}

internal sealed class StolenVehicleConfiguration : IEntityTypeConfiguration<StolenVehicle>
{
    public void Configure(EntityTypeBuilder<StolenVehicle> builder)
    {
        builder.ToTable("stolen_vehicles");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.RegistrationNumber).HasMaxLength(30);
        builder.Property(v => v.RegistrationKey).HasMaxLength(30);
        // Matching asks "is this number open as stolen anywhere": by key and status, force-wide.
        builder.HasIndex(v => new { v.RegistrationKey, v.Status });
        builder.Property(v => v.ChassisNumber).HasMaxLength(40);
        builder.Property(v => v.EngineNumber).HasMaxLength(40);
        builder.Property(v => v.Make).HasMaxLength(60);
        builder.Property(v => v.Model).HasMaxLength(60);
        builder.Property(v => v.Colour).HasMaxLength(40);
        builder.Property(v => v.Loss).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.LostPlace).HasMaxLength(200);
        builder.Property(v => v.FirReference).HasMaxLength(40);
        // Moves forward once: two officers acting at the same moment update one row, and one of them finds it moved.
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(v => v.RecordedBy).HasMaxLength(100);
        builder.Property(v => v.RecoveredPlace).HasMaxLength(200);
        builder.Property(v => v.RecoveredBy).HasMaxLength(100);
        builder.Property(v => v.HandedOverTo).HasMaxLength(120);
        builder.Property(v => v.HandedOverBy).HasMaxLength(100);
        builder.Property(v => v.UnitCode).HasMaxLength(32);
        builder.Property(v => v.UnitPath).HasMaxLength(400);
        builder.HasIndex(v => new { v.UnitPath, v.RecordedAt });
    }
}
