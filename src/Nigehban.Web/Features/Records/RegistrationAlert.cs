using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Records;

/// <summary>The kind of registration an alert arose from.</summary>
public enum RegistrationKind
{
    HotelStay,
    Tenant,
    Employee,
    DomesticServant,
    TerminalTraveller,
}

/// <summary>
/// A registration that matched the wanted list or named a stolen vehicle, raised at the station of the
/// place where the person surfaced: one alert per registration and watchlist, however many entries it
/// matched (the unique index on <see cref="RegistrationId"/> and <see cref="Source"/> makes it exactly one). The station acknowledges it; until then it is
/// open, and overdue once <see cref="DueAt"/> (the pack's acknowledgement time) has passed.
/// </summary>
public sealed class RegistrationAlert : IUnitOwned
{
    public Guid Id { get; set; }
    public RegistrationKind Kind { get; set; }
    public Guid RegistrationId { get; set; }

    /// <summary>Where the person surfaced ("hotel name, room 12"), as the station reads it.</summary>
    public required string Place { get; set; }

    /// <summary>The name and ID as registered.</summary>
    public required string PersonName { get; set; }

    public string? FatherName { get; set; }
    public string? NationalId { get; set; }

    /// <summary>What the registration matched: "proclaimed-offender", "wanted-on-record" or "stolen-vehicle".</summary>
    public required string Source { get; set; }

    /// <summary>"national-id" when any entry matched by ID, "name", or "vehicle-registration" for a stolen vehicle.</summary>
    public required string MatchedOn { get; set; }

    /// <summary>The entries matched, one line each (FIR, station, court, since).</summary>
    public required string Reason { get; set; }

    /// <summary>The vehicle the registration named (compared form), when it matched a stolen one.</summary>
    public string? VehicleRegistration { get; set; }

    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgementNote { get; set; }

    /// <summary>When the alert, still open past its deadline, was escalated to <see cref="EscalatedTo"/> (the next unit up), once.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    public string? EscalatedTo { get; set; }

    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }

    public bool IsOverdueAt(DateTimeOffset now) => AcknowledgedAt is null ? now > DueAt : AcknowledgedAt > DueAt;
}

internal sealed class RegistrationAlertConfiguration : IEntityTypeConfiguration<RegistrationAlert>
{
    public void Configure(EntityTypeBuilder<RegistrationAlert> builder)
    {
        builder.ToTable("registration_alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.RegistrationId, a.Source }).IsUnique();
        builder.Property(a => a.Place).HasMaxLength(200);
        builder.Property(a => a.PersonName).HasMaxLength(120);
        builder.Property(a => a.FatherName).HasMaxLength(120);
        builder.Property(a => a.NationalId).HasMaxLength(32);
        builder.Property(a => a.Source).HasMaxLength(40);
        builder.Property(a => a.MatchedOn).HasMaxLength(20);
        builder.Property(a => a.Reason).HasMaxLength(1000);
        builder.Property(a => a.VehicleRegistration).HasMaxLength(30);
        // Acknowledged once: two officers acknowledging at the same moment update one open row, and one of them finds it gone.
        builder.Property(a => a.AcknowledgedAt).IsConcurrencyToken();
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(100);
        builder.Property(a => a.AcknowledgementNote).HasMaxLength(500);
        // Escalated once: of two sweeps escalating the same alert at once, the second updates no row and its save rolls back (ADR-080).
        builder.Property(a => a.EscalatedAt).IsConcurrencyToken();
        builder.Property(a => a.EscalatedTo).HasMaxLength(32);
        builder.Property(a => a.UnitCode).HasMaxLength(32);
        builder.Property(a => a.UnitPath).HasMaxLength(400);
        builder.HasIndex(a => new { a.UnitPath, a.RaisedAt });
    }
}
