using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Records;

/// <summary>Whom an employer registers: an employee of a business, or a domestic servant of a household.</summary>
public enum EmploymentKind
{
    Employee,
    DomesticServant,
}

/// <summary>Who registered an employee: the employer online (any hour), or a station's front desk.</summary>
public enum EmployeeChannel
{
    Employer,
    Desk,
}

/// <summary>
/// An employee or domestic servant registered with the station of the workplace, by the employer or at
/// the front desk (ADR-068); matched on arrival against the wanted as a tenant is.
/// </summary>
public sealed class EmployeeRegistration : IUnitOwned
{
    public Guid Id { get; set; }
    public EmploymentKind Kind { get; set; }
    public required string EmployerName { get; set; }
    public required string EmployerPhone { get; set; }

    /// <summary>Where the person works (the business, or the household they serve in).</summary>
    public required string Address { get; set; }

    public required string EmployeeName { get; set; }
    public string? EmployeeFatherName { get; set; }
    public required string EmployeeNationalId { get; set; }
    public string? EmployeePhone { get; set; }
    public DateOnly StartedOn { get; set; }

    /// <summary>A vehicle the person drives for the employer, if named, in the pack's compared form.</summary>
    public string? VehicleRegistration { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
    public EmployeeChannel Channel { get; set; }
    public required string RegisteredBy { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public string? IdempotencyKey { get; set; }
    public string? IdempotencyRequestHash { get; set; }
}

internal sealed class EmployeeRegistrationConfiguration : IEntityTypeConfiguration<EmployeeRegistration>
{
    public void Configure(EntityTypeBuilder<EmployeeRegistration> builder)
    {
        builder.ToTable("employee_registrations");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.EmployerName).HasMaxLength(120);
        builder.Property(e => e.EmployerPhone).HasMaxLength(20);
        builder.Property(e => e.Address).HasMaxLength(300);
        builder.Property(e => e.EmployeeName).HasMaxLength(120);
        builder.Property(e => e.EmployeeFatherName).HasMaxLength(120);
        builder.Property(e => e.EmployeeNationalId).HasMaxLength(32);
        builder.HasIndex(e => e.EmployeeNationalId);
        builder.Property(e => e.EmployeePhone).HasMaxLength(20);
        builder.Property(e => e.VehicleRegistration).HasMaxLength(30);
        builder.Property(e => e.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.RegisteredBy).HasMaxLength(100);
        builder.Property(e => e.UnitCode).HasMaxLength(32);
        builder.Property(e => e.UnitPath).HasMaxLength(400);
        builder.HasIndex(e => e.UnitPath);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(100);
        builder.Property(e => e.IdempotencyRequestHash).HasMaxLength(64);
        builder.HasIndex(e => e.IdempotencyKey).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
    }
}

/// <summary>Employees and domestic servants registered, by kind, at the workplace's station on the local day of registration.</summary>
public sealed class EmployeeRegistrationMetrics : MetricSource<EmployeeRegistration>
{
    public const string Registered = "employee_registrations";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Registered, "records", MetricFormat.Count, "Employees and domestic servants registered, by employers online or at station front desks.", "kind",
            Counting: "Every EmployeeRegistration once, at its station, on the local day of RegisteredAt, by Kind (Employee, DomesticServant)."),
    ];

    protected override void Project(EmployeeRegistration employee, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(employee.RegisteredAt, timeZone);
        facts.Add(new(Registered, employee.UnitCode, day, "", 1, 0));
        facts.Add(new(Registered, employee.UnitCode, day, employee.Kind.ToString(), 1, 0));
    }
}
